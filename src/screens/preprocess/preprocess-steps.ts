/** The steps of the pipeline as the screen walks through them. */
export const pipelineSteps = [
  { id: 'decode', title: 'Decode', what: 'bytes → pixels: format, size, EXIF orientation applied, colour space, alpha flattened' },
  { id: 'detect', title: 'Detect', what: 'the detector (320x240 input) finds faces: boxes and scores, largest first' },
  { id: 'landmarks', title: 'Landmarks', what: '68 points on the face crop; 5 of them (eyes, nose tip, mouth corners) drive alignment' },
  { id: 'align', title: 'Align', what: 'a similarity transform maps the 5 points onto the ArcFace template: a 112x112 face' },
  { id: 'normalise', title: 'Normalise & embed', what: '(x - mean) / std per channel, the model gives 512 numbers, scaled to norm 1' },
] as const;

export type StepId = (typeof pipelineSteps)[number]['id'];
