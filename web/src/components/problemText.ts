// Problems in the user's language: what a failed request or a field error means. The server's
// own wording is English only, so it is not shown; its status and error codes are.
import type { Problem } from '../api/types';
import type { MessageKey } from '../i18n/messages';

export function problemKey(status: number | undefined): MessageKey {
  if (status === undefined) return 'error.generic';
  if (status === 404) return 'error.notFound';
  if (status === 403) return 'error.forbidden';
  if (status === 400) return 'error.invalid';
  if (status === 409) return 'error.conflict';
  if (status === 422) return 'error.notAllowed';
  if (status === 429) return 'error.rateLimited';
  if (status >= 500) return 'error.server';
  return 'error.generic';
}

// What a problem document says, for one line: a move the case's status does not allow
// (`invalid_transition`, whatever the status code) reads as such.
export function problemMessageKey(problem: Problem | undefined): MessageKey {
  if (problem?.errors?.some((error) => error.code === 'invalid_transition')) return 'error.notAllowed';
  return problemKey(problem?.status);
}

const FIELD_CODES: Record<string, MessageKey> = {
  required: 'fieldError.required',
  invalid: 'fieldError.invalid',
  invalid_type: 'fieldError.type',
  type: 'fieldError.type',
  too_long: 'fieldError.tooLong',
  out_of_range: 'fieldError.outOfRange',
  unknown: 'fieldError.unknown',
  not_found: 'fieldError.notFound',
};

export function fieldErrorKey(code: string): MessageKey {
  return FIELD_CODES[code] ?? 'fieldError.invalid';
}
