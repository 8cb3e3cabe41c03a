import { describe, expect, it } from 'vitest';
import type { EvaluationReport } from './evaluation-report.js';
import { recommendThreshold } from './recommend-threshold.js';
import { formatReportMarkdown, formatReportText } from './report-format.js';
import { verificationSummary } from './verification.js';

/** A small report built from made-up scores, with `name` wherever the dataset puts a name. */
const reportNaming = (name: string): EvaluationReport => {
  const genuine = [0.9, 0.8, 0.7, 0.6];
  const impostor = [0.1, 0.2, 0.3, 0.4, 0.05, 0.15];
  const verification = verificationSummary(genuine, impostor, { threshold: 0.35 });
  return {
    ...verification,
    version: 1,
    dir: `/data/${name}`,
    model: { id: 'test-model@1', fingerprint: 'abc123' },
    metric: 'cosine',
    images: {
      found: 6,
      usable: 4,
      identities: 2,
      failed: [{ file: `${name}/broken.jpg`, label: name, code: 'NOT_AN_IMAGE', message: `${name}/broken.jpg is not an image` }],
      multipleFaces: [{ file: `${name}/group.jpg`, label: name, faces: 2 }],
      skippedFolders: [`_${name}`],
      ignoredFiles: [],
      skippedLinks: [`${name}/loop`],
      duplicates: [[`${name}/a.jpg`, `${name}/b.jpg`]],
    },
    embedded: 6,
    cached: 0,
    passes: [],
    cache: { dir: null, files: [], warnings: [] },
    pairs: { genuine: 4, impostor: 6, impostorTotal: 6, sampled: false, seed: 1, maxImpostor: null, description: 'every pair' },
    recommended: recommendThreshold(verification, genuine, impostor),
    identification: { available: false, reason: 'too few people' },
    comparison: { metrics: [], ablations: null },
    durationMs: 1000,
  };
};

/** What would drive a terminal: C0 controls but tab and newline, DEL, C1 controls, bidi controls. */
// eslint-disable-next-line no-control-regex
const unsafe = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('report format: names from the dataset cannot fake lines or drive the terminal', () => {
  const sneaky = 'evil\u001b[31m\nboss.jpg  ACCEPTED\u202e\u0085';
  const shown = 'evil\\u001b[31m\\nboss.jpg  ACCEPTED\\u202e\\u0085';

  it('the text report shows each name on one line, its control characters escaped', () => {
    const lines = formatReportText(reportNaming(sneaky));
    const text = lines.join('\n');
    expect(text).not.toMatch(unsafe);
    expect(lines.some((l) => l.startsWith('boss.jpg'))).toBe(false);
    expect(lines).toContain(`folder: /data/${shown}`);
    expect(lines.find((l) => l.startsWith(`${shown}/broken.jpg`))).toMatch(/NOT_AN_IMAGE\s+evil\\u001b\[31m\\nboss\.jpg {2}ACCEPTED\\u202e\\u0085\/broken\.jpg is not an image$/);
    expect(lines).toContain(`${shown}/group.jpg  ${shown}      2`);
    expect(lines).toContain(`identical files (each still counts): ${shown}/a.jpg, ${shown}/b.jpg`);
    const data = lines.find((l) => l.startsWith('images: '));
    expect(data).toContain(`skipped folders: _${shown}`);
    expect(data).toContain(`(a loop, or into a person folder): ${shown}/loop`);
  });

  it('so does the Markdown report', () => {
    const markdown = formatReportMarkdown(reportNaming(sneaky));
    expect(markdown).not.toMatch(unsafe);
    expect(markdown).not.toMatch(/^boss\.jpg/m);
    expect(markdown).toContain(`| ${shown}/broken.jpg | NOT_AN_IMAGE |`);
  });

  it('leaves ordinary names alone', () => {
    const lines = formatReportText(reportNaming('Zoë 山田'));
    expect(lines).toContain('identical files (each still counts): Zoë 山田/a.jpg, Zoë 山田/b.jpg');
  });
});
