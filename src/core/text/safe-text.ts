/**
 * Text from outside (file names, messages quoting them) printed on a terminal must not
 * drive it: an escape sequence in a file name would recolour or move the cursor, a
 * bidi override reorder the line, a newline fake a row of a table.
 */

/** C0 controls but tab and newline, DEL, C1 controls, bidi embeddings, overrides and isolates. */
// eslint-disable-next-line no-control-regex
const unsafe = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

const escaped = (char: string): string => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** Every unsafe character shown as its \uXXXX escape; newlines and tabs stay. */
export const neutralise = (text: string): string => text.replace(unsafe, escaped);

/** A name on one line: newlines and tabs escaped too (a file name in a table row). */
export const oneLine = (text: string): string => neutralise(text).replace(/[\n\t]/g, (char) => (char === '\n' ? '\\n' : '\\t'));
