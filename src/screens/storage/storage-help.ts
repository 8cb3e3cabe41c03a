export const storageHelp: readonly string[] = [
  'What is stored for each enrolled person: a name, one 512-float template per enrolment photo (raw float32 bytes with their SHA-256, never the photo), the model and preprocessing that made them, and timestamps. Records of another model are refused, never mixed in; a damaged record is reported and left untouched until deleted.',
  'The list pages (PgUp/PgDn) and searches (/); Enter opens a record (each template checked: checksum, dimension, norm 1); d deletes after a y/n question; i reads every record back (integrity check). The figures line shows the backend, its size and the time to load everything.',
];
