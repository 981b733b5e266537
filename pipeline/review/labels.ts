/** The site's Italian words for the record's English values. */
export const RULE_LABEL: Record<string, string> = {
  glyph: 'glifo',
  accent: 'accento',
  lexical: 'lessico',
  names: 'nomi',
  layout: 'impaginazione',
};

export const OUTCOME_LABEL: Record<string, string> = {
  approved: 'approvata',
  rejected: 'respinta',
  acknowledged: 'presa d’atto',
  other: 'altro esito',
};

export const SUBJECT_LABEL: Record<string, string> = {
  deliberation: 'deliberazione',
  'immediate-execution': 'immediata eseguibilità',
  amendment: 'emendamento',
};

export const EVENT_LABEL: Record<string, string> = { arrival: 'entra', departure: 'esce' };

export const METHOD_LABEL: Record<string, string> = { ocr: 'OCR', 'text-layer': 'testo del PDF', text: 'testo' };

export const MODE_LABEL: Record<string, string> = { 'in-person': 'in presenza', online: 'a distanza', hybrid: 'mista' };

/** `label[key]`, or the key itself when the record carries a value this site does not know yet. */
export const labelOf = (labels: Record<string, string>, key: string | null | undefined): string => (key ? (labels[key] ?? key) : '');

/** `2023-03-28` → `28/03/2023`. */
export function italianDate(iso: string | null | undefined): string {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : null;
  return m ? `${m[3]}/${m[2]}/${m[1]}` : '';
}
