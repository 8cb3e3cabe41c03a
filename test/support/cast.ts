import { facePath } from './faces.js';

/**
 * The people the auth tests enrol and authenticate, as photos of ../shared/faces:
 * Ada (person_01: an enrolment photo, a second one, a probe), Bob (person_02: an
 * enrolment photo and a probe) and a stranger (person_03), never enrolled.
 */
export const cast = {
  ada: facePath('person_01/deepface__img1.jpg'),
  adaOther: facePath('person_01/deepface__img10.jpg'),
  adaProbe: facePath('person_01/deepface__img11.jpg'),
  bob: facePath('person_02/deepface__img26.jpg'),
  bobProbe: facePath('person_02/deepface__img42.jpg'),
  stranger: facePath('person_03/deepface__img47.jpg'),
} as const;
