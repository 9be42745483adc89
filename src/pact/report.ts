/** Turns the Pact verifier's JSON result into a short per-interaction report. */

interface Mismatch {
  path?: string;
  mismatch?: string;
  type?: string;
}
interface VerifierJson {
  errors?: Array<{ interaction?: string; mismatch?: { mismatches?: Mismatch[]; message?: string; type?: string } }>;
  interactionResults?: Array<{ description?: string; result?: string; duration?: string }>;
}

export function formatReport(message: string, stateProblems: ReadonlyMap<string, string> = new Map()): string {
  let json: VerifierJson;
  try {
    json = JSON.parse(message) as VerifierJson;
  } catch {
    return message;
  }
  const lines: string[] = [];
  const errorsFor = (description: string) => (json.errors ?? []).filter((e) => e.interaction?.endsWith(`- ${description}`));
  for (const r of json.interactionResults ?? []) {
    const ok = r.result === 'OK';
    lines.push(`${ok ? 'OK    ' : 'FAILED'}  ${r.description}`);
    if (ok) continue;
    const seen = new Set<string>();
    const stateProblem = stateProblems.get(r.description ?? '');
    if (stateProblem) seen.add(stateProblem);
    for (const e of errorsFor(r.description ?? '')) {
      if (e.mismatch?.message) seen.add(e.mismatch.message);
      for (const m of e.mismatch?.mismatches ?? []) seen.add(`${m.path ? `${m.path}: ` : ''}${m.mismatch ?? m.type ?? 'mismatch'}`);
    }
    for (const s of seen) lines.push(`          ${s}`);
  }
  const failed = (json.interactionResults ?? []).filter((r) => r.result !== 'OK').length;
  lines.push(`${(json.interactionResults ?? []).length - failed} interaction(s) verified, ${failed} failed`);
  return lines.join('\n');
}
