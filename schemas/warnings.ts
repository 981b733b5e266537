/**
 * The codes a record's warnings carry: a documented union, so a program can
 * act on a code and a person can look it up (docs/record.md lists them with
 * what to check). Every warning also has a message, and a span or a page
 * where one exists.
 */
export const WARNING_CODES = {
  'not-minutes': 'the document does not read as minutes (a notice, a letter): the structure is left empty',
  'page-unreadable': 'a page could not be read (OCR failed or timed out): its text is missing',
  'line-unread': 'a line of print the OCR left out could not be read alone either: its text is missing from the page, at the place given',
  'pdf-javascript': 'the PDF carries JavaScript; it was read with scripting off (pdf.js never runs document scripts)',
  'attendance-not-found': 'no attendance (list, table or roll call) was found',
  'agenda-not-found': 'no agenda item was found',
  'date-not-found': 'no date of the sitting was found',
  'attendance-count-mismatch': 'the count the opening states differs from the members listed as present',
  'attendance-presence-unknown': 'members are listed but whether they were present could not be read for some of them',
  'vote-total-mismatch': 'favorevoli + contrari + astenuti differ from the voters or members present printed or counted',
  'vote-outcome-mismatch': 'the outcome the text states contradicts its counts',
  'vote-counts-unread': 'a vote is printed as a table (per Comune, per group) with no total row that could be read: its counts are left null',
  'speaker-unknown': 'a speaker is neither in the attendance nor a listed guest or officer',
  'speaker-not-present': 'a member speaks at a point where the attendance and events say they were not there',
  'text-unattributed': 'in a transcript with speaker labels, a passage of an item has no speaker',
  'turns-outside-agenda': 'many speeches stand before the first agenda item (question time, communications): they are in no item of the record',
  'agenda-number-skipped': 'an item number does not follow the previous one',
  'agenda-item-not-discussed': 'an item listed in the agenda is never reached in the minutes',
  'chair-unresolved': 'the chair of the sitting could not be named',
  'name-doubtful': "a listed person's name comes from words the OCR read with low confidence: check it against the page",
} as const;

export type WarningCode = keyof typeof WARNING_CODES;
