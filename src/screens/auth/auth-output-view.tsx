import { Box, Text } from 'ink';
import { useLayout, useTheme } from '../../app/app-context.js';
import { Banner } from '../../app/components/banner.js';
import { formatBytes, truncate } from '../../app/lib/format.js';
import { formatThreshold } from '../../core/format-threshold.js';
import { decisionLines, type AuthOutput } from './auth-tasks.js';
import { oneLine } from '../../core/text/safe-text.js';

const when = (iso: string): string => iso.replace('T', ' ').slice(0, 19);

/** The last output of the console: a banner, a list, figures or the audit log. */
export const AuthOutputView = ({ output, rows }: { readonly output: AuthOutput; readonly rows: number }) => {
  const theme = useTheme();
  const { columns } = useLayout();
  switch (output.kind) {
    case 'authenticate': {
      const { title, details } = decisionLines(output.decision);
      return (
        <Box flexDirection="column">
          <Text {...theme.muted} wrap="truncate-start">
            {oneLine(output.file)}
          </Text>
          <Banner ok={output.decision.authenticated} title={title} details={details} />
        </Box>
      );
    }
    case 'register': {
      const o = output.outcome;
      return (
        <Box flexDirection="column">
          {o.status === 'registered' ? (
            <Text {...theme.ok}>
              ✔ registered {o.name} ({o.mode}): {o.added} template{o.added === 1 ? '' : 's'} added, {o.templates} in all
            </Text>
          ) : (
            <Box flexDirection="column">
              <Text {...theme.error}>
                ✖ refused ({o.code}): {o.message}
              </Text>
              {o.code === 'ALREADY_ENROLLED' || o.code === 'COLLISION' ? null : (
                <Text {...theme.muted} wrap="wrap">
                  → {o.hint}
                </Text>
              )}
            </Box>
          )}
          {o.images.map((v) => (
            <Text key={v.file} wrap="truncate-end" {...(v.status === 'accepted' ? {} : theme.warn)}>
              {v.status === 'accepted'
                ? `  ✔ ${truncate(v.file, Math.max(20, columns - 40), true)}`
                : `  ✖ ${truncate(v.file, Math.max(20, columns - 60), true)}: ${v.code} ${oneLine(v.reason)}`}
            </Text>
          ))}
          {o.collision === null ? null : (
            <Text {...theme.warn}>
              matches {o.collision.name} already (score {o.collision.score.toFixed(3)})
            </Text>
          )}
          {o.status === 'registered'
            ? o.warnings.map((w) => (
                <Text key={w} {...theme.warn} wrap="wrap">
                  ! {w}
                </Text>
              ))
            : null}
        </Box>
      );
    }
    case 'list':
      return (
        <Box flexDirection="column">
          <Text {...theme.heading}>{output.entries.length} enrolled</Text>
          {output.entries.slice(0, Math.max(1, rows - 1)).map((e) =>
            e.status === 'corrupt' ? (
              <Text key={e.key} {...theme.error}>
                {oneLine(e.name ?? e.key)}: DAMAGED ({oneLine(e.reason)})
              </Text>
            ) : (
              <Text key={e.key} wrap="truncate-end">
                {e.name.padEnd(24)} {String(e.templates).padStart(2)} template{e.templates === 1 ? ' ' : 's'} enrolled {when(e.createdAt).slice(0, 16)}
                {e.status === 'mismatch' ? ' (other model)' : ''}
              </Text>
            ),
          )}
        </Box>
      );
    case 'delete':
      return <Text {...(output.removed ? theme.ok : theme.warn)}>{output.removed ? `✔ deleted ${output.name}` : `${output.name} is not enrolled`}</Text>;
    case 'stats': {
      const s = output.stats;
      return (
        <Box flexDirection="column">
          <Text>
            <Text {...theme.value}>{s.people}</Text> people · {s.templates} templates · {formatBytes(s.bytes)} · {s.corrupt} damaged · {s.mismatched} other model
          </Text>
          <Text wrap="truncate-start">store {s.store}</Text>
          <Text>
            model {s.model} ({s.dim}-d) · threshold {formatThreshold(s.threshold)}
          </Text>
          <Text>
            attempts {s.attempts.total}: <Text {...theme.ok}>{s.attempts.accepted} accepted</Text> · <Text {...theme.error}>{s.attempts.denied} denied</Text> · {s.attempts.locked} locked ·{' '}
            {s.attempts.errors} errors
          </Text>
          <Text {...theme.muted} wrap="truncate-start">
            audit log {s.auditLog ?? '(in memory)'}
          </Text>
        </Box>
      );
    }
    case 'attempts':
      return (
        <Box flexDirection="column">
          <Text {...theme.heading}>Recent attempts (newest first)</Text>
          {output.entries.length === 0 ? <Text {...theme.muted}>(none yet)</Text> : null}
          {output.entries.slice(0, Math.max(1, rows - 1)).map((e, i) => (
            <Text key={`${e.time}-${i}`} wrap="truncate-end" {...(e.result === 'accepted' ? theme.ok : e.result === 'denied' ? theme.error : theme.warn)}>
              {when(e.time)} {e.result.toUpperCase().padEnd(8)} {(e.mode === 'verify' ? `1:1 as ${e.claimed ?? '?'}` : '1:N').padEnd(16)} {(e.name ?? '-').padEnd(12)} score{' '}
              {e.score === null ? '  -  ' : e.score.toFixed(3)} margin{' '}
              {e.margin === null ? '  -  ' : e.margin.toFixed(3)} {e.result === 'error' && e.code !== undefined ? e.code : e.reason}
            </Text>
          ))}
          {output.damaged > 0 ? <Text {...theme.warn}>{output.damaged} damaged audit line(s) skipped</Text> : null}
        </Box>
      );
  }
};
