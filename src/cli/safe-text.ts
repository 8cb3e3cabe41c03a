/** The terminal-safe text helpers live in the core (the evaluation report uses them too). */
export { neutralise, oneLine } from '../core/text/safe-text.js';
