export const authHelp: readonly string[] = [
  'The whole system at work. Register stores one template per photo after a quality gate (one face, large and sharp enough, the detector sure of it) and refuses a face that already matches someone else.',
  'Authenticate embeds the photo\'s largest face and searches everyone enrolled (1:N): ACCEPTED when the best score reaches the threshold, with the margin over the next person; otherwise DENIED, never "the nearest person". The threshold is the config\'s, or the one adopted on screen 3.',
  'Every attempt goes to the audit log (Recent attempts). List, Delete (asks y/n) and Stats read the same store as screen 4.',
];
