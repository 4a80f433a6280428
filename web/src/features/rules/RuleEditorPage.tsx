// Creating and editing a rule: its name, conditions as rows (or JSON for nested ones), actions
// as rows, throttling and quiet hours. The server validates; each of its field errors is shown
// beside the input it names.
import { useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../api/client';
import { createRule, deleteRule, getRule, updateRule } from '../../api/rules';
import type { ActionType, ConditionOp, FieldProblem, Rule, RuleBody } from '../../api/types';
import { ACTION_TYPES, CONDITION_FIELDS, NUMBER_FIELDS, PRIORITIES } from '../../api/types';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { fieldErrorKey } from '../../components/problemText';
import { useI18n } from '../../i18n/I18nProvider';
import { useWorkspace } from '../../session/WorkspaceContext';
import { useMembers } from '../cases/caseModel';
import type { Members } from '../cases/caseModel';
import {
  CUSTOMER_FIELD, JsonModeError, blankAction, blankCondition, blankForm, bodyOf, errorAt, flatRows,
  formOf, rowsToWhen, unplacedErrors,
} from './ruleForm';
import type { ActionRow, ConditionRow, RuleForm } from './ruleForm';

const TEXT_OPS: ConditionOp[] = ['eq', 'ne', 'in', 'contains', 'exists'];
const NUMBER_OPS: ConditionOp[] = ['eq', 'ne', 'in', 'lt', 'lte', 'gt', 'gte', 'exists'];

function opsFor(field: string): ConditionOp[] {
  if (NUMBER_FIELDS.includes(field)) return NUMBER_OPS;
  if (field === 'text') return ['contains', 'exists'];
  if (field === 'topics') return ['contains', 'in', 'eq', 'exists'];
  if (field === CUSTOMER_FIELD || field.startsWith('customer.')) return TEXT_OPS;
  return ['eq', 'ne', 'in', 'exists'];
}

// The error beside an input, and the attributes that tie the input to it.
function useFieldError(errors: FieldProblem[], path: string) {
  const { t } = useI18n();
  const error = errorAt(errors, path);
  const id = `error-${path.replace(/[^a-z0-9]+/gi, '-')}`;
  return {
    inputProps: error ? { 'aria-invalid': true as const, 'aria-describedby': id } : {},
    message: error
      ? <span className="field-error" id={id} data-field={error.field}>{t(fieldErrorKey(error.code))}</span>
      : null,
  };
}

function Field({ label, id, errors, path, children }: {
  label: string; id: string; errors: FieldProblem[]; path: string;
  children: (props: { id: string; 'aria-invalid'?: true; 'aria-describedby'?: string }) => ReactNode;
}) {
  const { inputProps, message } = useFieldError(errors, path);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({ id, ...inputProps })}
      {message}
    </div>
  );
}

export function RuleEditorPage() {
  const { t } = useI18n();
  const { workspace, path } = useWorkspace();
  const { ruleId } = useParams();
  const creating = ruleId === undefined;
  const rule = useQuery({
    queryKey: ['rule', workspace.id, ruleId],
    queryFn: ({ signal }) => getRule(workspace.id, ruleId ?? '', signal),
    enabled: !creating,
    refetchOnWindowFocus: false,
  });
  return (
    <div className="rule-editor">
      <Link to={path('rules')} className="back-link">← {t('rules.back')}</Link>
      <header className="page-header">
        <h1>{creating ? t('rules.newTitle') : t('rules.editTitle')}</h1>
      </header>
      {!creating && rule.isPending && <Loading />}
      {!creating && rule.error && <ErrorNotice error={rule.error} />}
      {creating && <RuleEditor key="new" initial={blankForm()} />}
      {!creating && rule.data && <RuleEditor key={rule.data.id + rule.data.updated_at} initial={formOf(rule.data)} ruleId={rule.data.id} />}
    </div>
  );
}

function RuleEditor({ initial, ruleId }: { initial: RuleForm; ruleId?: string }) {
  const { t } = useI18n();
  const { workspace, can, path } = useWorkspace();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const members = useMembers(workspace.id, can('members.read'));
  const canManage = can('rules.manage');
  const [form, setForm] = useState<RuleForm>(initial);
  const [clientErrors, setClientErrors] = useState<FieldProblem[]>([]);
  const [jsonNotice, setJsonNotice] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);

  const save = useMutation({
    mutationFn: (body: RuleBody) => (ruleId ? updateRule(workspace.id, ruleId, body) : createRule(workspace.id, body)),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['rules', workspace.id] });
      if (ruleId) await queryClient.invalidateQueries({ queryKey: ['rule', workspace.id, ruleId] });
      navigate(path('rules'));
    },
  });
  const remove = useMutation({
    mutationFn: () => deleteRule(workspace.id, ruleId ?? ''),
    onSuccess: async () => {
      // The list must not show the rule again, not even from the cache while it reloads.
      queryClient.setQueryData<{ items: Rule[] }>(['rules', workspace.id],
        (old) => old && { ...old, items: old.items.filter((item) => item.id !== ruleId) });
      queryClient.removeQueries({ queryKey: ['rule', workspace.id, ruleId] });
      await queryClient.invalidateQueries({ queryKey: ['rules', workspace.id] });
      navigate(path('rules'));
    },
  });
  const serverErrors = save.error instanceof ApiError ? save.error.problem?.errors ?? [] : [];
  const errors = [...clientErrors, ...serverErrors];
  const otherErrors = unplacedErrors(errors, form);

  const update = (change: Partial<RuleForm>) => setForm((previous) => ({ ...previous, ...change }));
  const updateCondition = (index: number, change: Partial<ConditionRow>) =>
    update({ conditions: form.conditions.map((row, at) => (at === index ? { ...row, ...change } : row)) });
  const updateAction = (index: number, change: Partial<ActionRow>) =>
    update({ actions: form.actions.map((row, at) => (at === index ? { ...row, ...change } : row)) });

  const setAdvanced = (advanced: boolean) => {
    setJsonNotice(false);
    if (advanced) {
      update({ advanced, whenJson: JSON.stringify(rowsToWhen(form), null, 2) });
      return;
    }
    try {
      const flat = flatRows(JSON.parse(form.whenJson));
      if (!flat) { setJsonNotice(true); return; }
      update({ advanced, combine: flat.combine, conditions: flat.rows });
    } catch {
      setJsonNotice(true);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setClientErrors([]);
    save.reset();
    try {
      save.mutate(bodyOf(form));
    } catch (error) {
      if (error instanceof JsonModeError) setClientErrors([{ field: 'when', code: 'invalid_json', message: '' }]);
      else throw error;
    }
  };

  const whenError = useFieldError(errors, 'when');
  const combinePath = `when/${form.combine}`;
  const combineError = errors.find((error) => error.field === 'when' || error.field === combinePath);

  return (
    <form className="rule-form" onSubmit={submit} noValidate>
      <fieldset className="plain" disabled={!canManage}>
        <Field label={t('rules.name')} id="rule-name" errors={errors} path="name">
          {(props) => <input {...props} value={form.name} maxLength={200} onChange={(event) => update({ name: event.target.value })} />}
        </Field>
        <label className="check">
          <input type="checkbox" checked={form.enabled} onChange={(event) => update({ enabled: event.target.checked })} />
          {t('rules.enabled')}
        </label>

        <fieldset className="rule-section">
          <legend>{t('rules.when')}</legend>
          <label className="check">
            <input type="checkbox" checked={form.advanced} onChange={(event) => setAdvanced(event.target.checked)} />
            {t('rules.advanced')}
          </label>
          {jsonNotice && <p className="notice">{t('rules.cannotShowRows')}</p>}
          {form.advanced
            ? (
              <div className="field">
                <label htmlFor="rule-when-json">{t('rules.whenJson')}</label>
                <textarea id="rule-when-json" className="code-input" rows={12} value={form.whenJson} spellCheck={false}
                          {...whenError.inputProps} onChange={(event) => update({ whenJson: event.target.value })} />
                {whenError.message}
                {errorAt(errors, 'when') && errorAt(errors, 'when')?.field !== 'when' && (
                  <code className="field-error-path">{errorAt(errors, 'when')?.field}</code>
                )}
                {clientErrors.some((error) => error.code === 'invalid_json') && (
                  <span className="field-error">{t('rules.jsonInvalid')}</span>
                )}
              </div>
            )
            : (
              <>
                <div className="field field-inline" role="radiogroup" aria-label={t('rules.combine')}>
                  <span>{t('rules.combine')}</span>
                  {(['all', 'any'] as const).map((combine) => (
                    <label key={combine} className="check">
                      <input type="radio" name="combine" value={combine} checked={form.combine === combine}
                             onChange={() => update({ combine })} />
                      {t(combine === 'all' ? 'rules.combineAll' : 'rules.combineAny')}
                    </label>
                  ))}
                </div>
                {combineError && <span className="field-error">{t(fieldErrorKey(combineError.code))}</span>}
                {form.conditions.map((row, index) => (
                  <ConditionEditor key={row.key} row={row} index={index} combine={form.combine} errors={errors}
                                   canRemove={form.conditions.length > 1}
                                   onChange={(change) => updateCondition(index, change)}
                                   onRemove={() => update({ conditions: form.conditions.filter((_, at) => at !== index) })} />
                ))}
                <button type="button" className="button" onClick={() => update({ conditions: [...form.conditions, blankCondition()] })}>
                  {t('rules.addCondition')}
                </button>
              </>
            )}
        </fieldset>

        <fieldset className="rule-section">
          <legend>{t('rules.then')}</legend>
          {form.actions.map((row, index) => (
            <ActionEditor key={row.key} row={row} index={index} errors={errors} members={members}
                          canRemove={form.actions.length > 1}
                          onChange={(change) => updateAction(index, change)}
                          onRemove={() => update({ actions: form.actions.filter((_, at) => at !== index) })} />
          ))}
          <button type="button" className="button" onClick={() => update({ actions: [...form.actions, blankAction('tag')] })}>
            {t('rules.addAction')}
          </button>
        </fieldset>

        <fieldset className="rule-section">
          <legend>{t('rules.notifications')}</legend>
          <Field label={t('rules.throttle')} id="rule-throttle" errors={errors} path="throttle_minutes">
            {(props) => (
              <input {...props} inputMode="numeric" value={form.throttle} aria-describedby={props['aria-describedby'] ?? 'rule-throttle-help'}
                     onChange={(event) => update({ throttle: event.target.value })} />
            )}
          </Field>
          <p id="rule-throttle-help" className="help">{t('rules.throttleHelp')}</p>
          <div className="field-row">
            <Field label={t('rules.quietStart')} id="rule-quiet-start" errors={errors} path="quiet_hours/start">
              {(props) => <input {...props} type="time" value={form.quietStart} onChange={(event) => update({ quietStart: event.target.value })} />}
            </Field>
            <Field label={t('rules.quietEnd')} id="rule-quiet-end" errors={errors} path="quiet_hours/end">
              {(props) => <input {...props} type="time" value={form.quietEnd} onChange={(event) => update({ quietEnd: event.target.value })} />}
            </Field>
          </div>
          <p className="help">{t('rules.quietHelp', { zone: workspace.timezone })}</p>
        </fieldset>
      </fieldset>

      {/* Field errors stand beside their inputs; this says there are some, and lists any
          that name no input here. */}
      {save.error && errors.length === 0 && <ErrorNotice error={save.error} />}
      {errors.length > 0 && (
        <div className="notice notice-error" role="alert">
          <p>{t('rules.fixErrors')}</p>
          {otherErrors.length > 0 && <ul>{otherErrors.map((error) => <li key={error.field}><code>{error.field}</code></li>)}</ul>}
        </div>
      )}
      {canManage && (
        <div className="actions">
          <button type="submit" className="button button-primary" disabled={save.isPending}>
            {save.isPending ? t('common.saving') : t(ruleId ? 'rules.save' : 'rules.create')}
          </button>
          {ruleId && !confirmDelete && (
            <button type="button" className="button" onClick={() => setConfirmDelete(true)}>{t('rules.delete')}</button>
          )}
          {ruleId && confirmDelete && (
            <span className="confirm" role="group" aria-label={t('rules.confirmDelete')}>
              <span>{t('rules.confirmDelete')}</span>
              <button type="button" className="button button-danger" onClick={() => remove.mutate()} disabled={remove.isPending}>
                {t('rules.deleteYes')}
              </button>
              <button type="button" className="button" onClick={() => setConfirmDelete(false)}>{t('rules.deleteNo')}</button>
            </span>
          )}
        </div>
      )}
      {remove.error && <ErrorNotice error={remove.error} />}
    </form>
  );
}

interface ConditionProps {
  row: ConditionRow;
  index: number;
  combine: string;
  errors: FieldProblem[];
  canRemove: boolean;
  onChange: (change: Partial<ConditionRow>) => void;
  onRemove: () => void;
}

function ConditionEditor({ row, index, combine, errors, canRemove, onChange, onRemove }: ConditionProps) {
  const { t } = useI18n();
  const base = `when/${combine}/${index}`;
  const id = `condition-${row.key}`;
  const ops = opsFor(row.field);
  const setField = (field: string) => {
    const next = opsFor(field);
    onChange({ field, op: next.includes(row.op) ? row.op : next[0] });
  };
  return (
    <fieldset className="rule-row" data-condition={index}>
      <legend>{t('rules.conditionN', { n: index + 1 })}</legend>
      <Field label={t('rules.field')} id={`${id}-field`} errors={errors} path={`${base}/field`}>
        {(props) => (
          <select {...props} value={row.field} onChange={(event) => setField(event.target.value)}>
            {CONDITION_FIELDS.map((field) => <option key={field} value={field}>{t(`ruleField.${field}`)}</option>)}
            <option value={CUSTOMER_FIELD}>{t('ruleField.customer')}</option>
          </select>
        )}
      </Field>
      {row.field === CUSTOMER_FIELD && (
        <div className="field">
          <label htmlFor={`${id}-attribute`}>{t('rules.attribute')}</label>
          <input id={`${id}-attribute`} value={row.attribute} maxLength={100} placeholder="plan"
                 onChange={(event) => onChange({ attribute: event.target.value })} />
        </div>
      )}
      <Field label={t('rules.op')} id={`${id}-op`} errors={errors} path={`${base}/op`}>
        {(props) => (
          <select {...props} value={row.op} onChange={(event) => onChange({ op: event.target.value as ConditionOp })}>
            {ops.map((op) => <option key={op} value={op}>{t(`ruleOp.${op}`)}</option>)}
          </select>
        )}
      </Field>
      <Field label={t('rules.value')} id={`${id}-value`} errors={errors} path={`${base}/value`}>
        {(props) => (row.op === 'exists'
          ? (
            <select {...props} value={row.value === 'false' ? 'false' : 'true'} onChange={(event) => onChange({ value: event.target.value })}>
              <option value="true">{t('rules.existsYes')}</option>
              <option value="false">{t('rules.existsNo')}</option>
            </select>
          )
          : <input {...props} value={row.value} placeholder={row.op === 'in' ? t('rules.listPlaceholder') : undefined}
                   onChange={(event) => onChange({ value: event.target.value })} />)}
      </Field>
      {canRemove && (
        <button type="button" className="link-button" onClick={onRemove}
                aria-label={t('rules.removeConditionN', { n: index + 1 })}>
          {t('rules.remove')}
        </button>
      )}
    </fieldset>
  );
}

interface ActionProps {
  row: ActionRow;
  index: number;
  errors: FieldProblem[];
  members: Members;
  canRemove: boolean;
  onChange: (change: Partial<ActionRow>) => void;
  onRemove: () => void;
}

function ActionEditor({ row, index, errors, members, canRemove, onChange, onRemove }: ActionProps) {
  const { t } = useI18n();
  const base = `then/${index}`;
  const id = `action-${row.key}`;
  const text = (key: 'title' | 'team' | 'url' | 'tags' | 'to', label: string, help?: string) => (
    <Field label={label} id={`${id}-${key}`} errors={errors} path={`${base}/${key}`}>
      {(props) => (
        <>
          <input {...props} value={row[key]} type={key === 'url' ? 'url' : 'text'}
                 onChange={(event) => onChange({ [key]: event.target.value })} />
          {help && <span className="help">{help}</span>}
        </>
      )}
    </Field>
  );
  return (
    <fieldset className="rule-row" data-action={index}>
      <legend>{t('rules.actionN', { n: index + 1 })}</legend>
      <Field label={t('rules.actionType')} id={`${id}-type`} errors={errors} path={`${base}/type`}>
        {(props) => (
          <select {...props} value={row.type} onChange={(event) => onChange({ type: event.target.value as ActionType })}>
            {ACTION_TYPES.map((type) => <option key={type} value={type}>{t(`ruleAction.${type}`)}</option>)}
          </select>
        )}
      </Field>
      {row.type === 'create_case' && (
        <>
          {text('title', t('rules.caseTitle'), t('rules.caseTitleHelp'))}
          {text('team', t('cases.team'))}
        </>
      )}
      {row.type === 'assign' && (
        <>
          <Field label={t('rules.assignee')} id={`${id}-user`} errors={errors} path={`${base}/user_id`}>
            {(props) => (
              <select {...props} value={row.user_id} onChange={(event) => onChange({ user_id: event.target.value })}>
                <option value="">{t('rules.nobody')}</option>
                {members.workers.map((member) => (
                  <option key={member.user_id} value={member.user_id}>{member.name || member.email}</option>
                ))}
                {row.user_id && !members.workers.some((member) => member.user_id === row.user_id) && (
                  <option value={row.user_id}>{members.nameOf(row.user_id)}</option>
                )}
              </select>
            )}
          </Field>
          {text('team', t('cases.team'))}
        </>
      )}
      {row.type === 'set_priority' && (
        <Field label={t('cases.priority')} id={`${id}-priority`} errors={errors} path={`${base}/priority`}>
          {(props) => (
            <select {...props} value={row.priority} onChange={(event) => onChange({ priority: event.target.value as ActionRow['priority'] })}>
              {PRIORITIES.map((level) => <option key={level} value={level}>{t(`priority.${level}`)}</option>)}
            </select>
          )}
        </Field>
      )}
      {row.type === 'tag' && text('tags', t('cases.tags'), t('work.tagsHelp'))}
      {row.type === 'notify_webhook' && text('url', t('rules.webhookUrl'), t('rules.webhookUrlHelp'))}
      {row.type === 'notify_email' && text('to', t('rules.emailTo'), t('rules.emailToHelp'))}
      {canRemove && (
        <button type="button" className="link-button" onClick={onRemove} aria-label={t('rules.removeActionN', { n: index + 1 })}>
          {t('rules.remove')}
        </button>
      )}
    </fieldset>
  );
}
