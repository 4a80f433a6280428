// The Explorer's filter form. Choices apply at once; typed filters apply on submit. The URL
// holds the truth, so Back, reload and shared links all restore the same list.
import { useState } from 'react';
import type { FormEvent } from 'react';
import { CHANNELS, SENTIMENTS } from '../../api/types';
import { surveyChoices } from '../../api/metrics';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/messages';
import { useDimensions } from '../metrics/labels';
import { LANGUAGES, RANGES } from './filters';
import type { FilterKey, Filters } from './filters';

interface Props {
  filters: Filters;
  timeZone: string;
  onChange: (filters: Filters) => void;
}

export function FilterForm({ filters, timeZone, onChange }: Props) {
  const { t } = useI18n();
  // The values the workspace's responses take (GET …/query/dimensions) suggest topics and
  // surveys and add languages beyond the usual three.
  const dimensions = useDimensions();
  const languages = [...new Set<string>([...LANGUAGES, ...(dimensions.data?.languages ?? [])])]
    .filter((language) => /^[a-z]{2,3}$/.test(language));
  const languageName = (language: string) =>
    ((LANGUAGES as readonly string[]).includes(language) ? t(`language.${language}` as MessageKey) : language);
  const [draft, setDraft] = useState<Filters>(filters);
  // When the URL's filters change (Back, a saved view), the draft follows in the same render.
  const [source, setSource] = useState<Filters>(filters);
  if (source !== filters) {
    setSource(filters);
    setDraft(filters);
  }

  const set = (key: FilterKey, value: string) => setDraft((previous) => ({ ...previous, [key]: value }));
  const choose = (key: FilterKey, value: string) => {
    const next = { ...draft, [key]: value };
    setDraft(next);
    if (!(key === 'range' && value === 'custom')) onChange(next);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onChange(draft);
  };
  const text = (key: FilterKey, label: string, inputMode?: 'numeric', suggestions?: string) => (
    <label className="field">
      <span>{label}</span>
      <input name={key} value={draft[key] ?? ''} inputMode={inputMode} list={suggestions}
             onChange={(event) => set(key, event.target.value)} />
    </label>
  );

  return (
    <form className="filters" onSubmit={submit} aria-label={t('filters.label')}>
      <label className="field">
        <span>{t('filters.search')}</span>
        <input type="search" name="q" value={draft.q ?? ''} onChange={(event) => set('q', event.target.value)} />
      </label>
      <label className="field">
        <span>{t('filters.range')}</span>
        <select name="range" value={draft.range ?? ''} onChange={(event) => choose('range', event.target.value)}>
          <option value="">{t('range.all')}</option>
          {RANGES.map((range) => <option key={range} value={range}>{t(`range.${range}`)}</option>)}
        </select>
      </label>
      {draft.range === 'custom' && (
        <fieldset className="date-range">
          <legend>{t('filters.dates', { zone: timeZone })}</legend>
          <label className="field"><span>{t('filters.from')}</span>
            <input type="date" name="from" value={draft.from ?? ''} onChange={(event) => set('from', event.target.value)} /></label>
          <label className="field"><span>{t('filters.to')}</span>
            <input type="date" name="to" value={draft.to ?? ''} onChange={(event) => set('to', event.target.value)} /></label>
        </fieldset>
      )}
      <label className="field">
        <span>{t('filters.channel')}</span>
        <select name="channel" value={draft.channel ?? ''} onChange={(event) => choose('channel', event.target.value)}>
          <option value="">{t('filters.any')}</option>
          {CHANNELS.map((channel) => <option key={channel} value={channel}>{t(`channel.${channel}`)}</option>)}
        </select>
      </label>
      <label className="field">
        <span>{t('filters.sentiment')}</span>
        <select name="sentiment" value={draft.sentiment ?? ''} onChange={(event) => choose('sentiment', event.target.value)}>
          <option value="">{t('filters.any')}</option>
          {SENTIMENTS.map((sentiment) => <option key={sentiment} value={sentiment}>{t(`sentiment.${sentiment}`)}</option>)}
        </select>
      </label>
      <label className="field">
        <span>{t('filters.language')}</span>
        <select name="language" value={draft.language ?? ''} onChange={(event) => choose('language', event.target.value)}>
          <option value="">{t('filters.any')}</option>
          {languages.map((language) => <option key={language} value={language}>{languageName(language)}</option>)}
        </select>
      </label>
      {text('topic', t('filters.topic'), undefined, 'filter-topics')}
      {text('customer', t('filters.customer'), 'numeric')}
      {text('survey', t('filters.survey'), 'numeric', 'filter-surveys')}
      <datalist id="filter-topics">
        {(dimensions.data?.topics ?? []).map((topic) => <option key={topic} value={topic} />)}
      </datalist>
      <datalist id="filter-surveys">
        {surveyChoices(dimensions.data).map((survey) => <option key={survey.id} value={survey.id}>{survey.name}</option>)}
      </datalist>
      <div className="actions">
        <button type="submit" className="button button-primary">{t('filters.apply')}</button>
        <button type="button" className="button" onClick={() => onChange({})}>{t('filters.clear')}</button>
      </div>
    </form>
  );
}
