// Language ids from the analysis: BCP 47 primary tags; "und" (undetermined) and empty mean
// the language is not known.
export function isKnownLanguage(language: string): boolean {
  return language !== '' && language !== 'und';
}
