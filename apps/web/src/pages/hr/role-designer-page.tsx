import { useMemo, useState } from 'react';
import { useFieldArray, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { useOccupations, useTasks } from '../../api/reference';
import type { Level, Role, Task, Weight } from '../../api/types';
import { ErrorNotice, Progress, QueryState, Success } from '../../components/feedback';
import { applyServerErrors, ErrorSummary, Field } from '../../components/form';
import { PageTitle } from '../../components/shell';
import { localName } from '../../i18n';
import { paths } from '../../routes';
import { useUser } from '../../session/session';
import { TaskRequirement, useRole, useRoleTemplates, useSaveRole } from './roles-api';
import { SupplyPreviewPanel } from './supply-preview';

interface Values {
  name: string;
  tasks: TaskRequirement[];
}

/** The role designer: a new role, or a new version of one (`/hr/roles/:id`). */
export function RoleDesignerPage() {
  const { id } = useParams();
  const role = useRole(id);
  if (id && role.isPending) return <Progress />;
  if (id && role.isError) return <ErrorNotice error={role.error} onRetry={() => void role.refetch()} />;
  return <RoleDesigner key={id ?? 'new'} role={id ? role.data : undefined} />;
}

function RoleDesigner({ role }: { role?: Role }) {
  const { t, i18n } = useTranslation();
  const user = useUser();
  const navigate = useNavigate();
  const savedVersion = (useLocation().state as { saved?: number } | null)?.saved;
  const tasks = useTasks();
  const save = useSaveRole(user.organisationId ?? '', role?.id);
  const {
    register,
    control,
    handleSubmit,
    setError,
    clearErrors,
    formState: { errors },
  } = useForm<Values>({
    defaultValues: {
      name: role?.name ?? '',
      tasks: role?.tasks.map(({ taskId, requiredLevel, weight }) => ({ taskId, requiredLevel, weight })) ?? [],
    },
  });
  const chosen = useFieldArray({ control, name: 'tasks', keyName: 'key' });
  // Every change of a level or a must-have, not only adding and removing, refreshes the supply preview.
  const watched = useWatch({ control, name: 'tasks' });
  const taskById = useMemo(() => new Map((tasks.data ?? []).map((task) => [task.id, task])), [tasks.data]);
  const chosenIds = new Set(chosen.fields.map((f) => f.taskId));
  const labels = { name: t('roleDesigner.name'), tasks: t('roleDesigner.chosenTasks', { count: chosen.fields.length }) };

  const add = (task: Task, requiredLevel: Level = 2, weight: Weight = 'must-have') => {
    if (chosenIds.has(task.id)) return;
    chosen.append({ taskId: task.id, requiredLevel, weight });
    clearErrors('tasks');
  };
  const submit = handleSubmit((values) => {
    if (values.tasks.length === 0) return setError('tasks', { type: 'min', message: t('roleDesigner.noTasks') });
    if (!values.tasks.some((task) => task.weight === 'must-have'))
      return setError('tasks', { type: 'must', message: t('roleDesigner.needsMustHave') });
    save.mutate(
      { name: values.name.trim(), tasks: values.tasks.map((task) => ({ ...task, requiredLevel: Number(task.requiredLevel) as Level })) },
      {
        onSuccess: (saved) => navigate(paths.hrRole(saved.id), { replace: true, state: { saved: saved.latestVersion } }),
        onError: (e) => applyServerErrors(e, setError, ['name', 'tasks'], t('errors.fieldRejected')),
      },
    );
  });
  const taskName = (taskId: string) => {
    const task = taskById.get(taskId);
    return task ? localName(task, i18n.language) : taskId;
  };

  return (
    <>
      <PageTitle>{role ? `${t('roleDesigner.editRole')}: ${role.name}` : t('roleDesigner.newRole')}</PageTitle>
      {role && savedVersion ? <Success>{t('roleDesigner.saved', { version: savedVersion })}</Success> : null}
      <div className="designer">
        <section className="designer-search" aria-labelledby="search-heading">
          <h2 id="search-heading">{t('roleDesigner.searchTasks')}</h2>
          {!role ? (
            <Templates
              onUse={(template) => template.forEach(({ task, requiredLevel, weight }) => add(task, requiredLevel, weight))}
              taskById={taskById}
            />
          ) : null}
          <QueryState query={tasks}>{(all) => <TaskSearch tasks={all} chosen={chosenIds} onAdd={(task) => add(task)} />}</QueryState>
        </section>
        <section className="designer-role card" aria-labelledby="role-heading">
          <h2 id="role-heading">{role ? t('roleDesigner.editRole') : t('roleDesigner.newRole')}</h2>
          <SupplyPreviewPanel tasks={watched ?? []} municipality={user.municipality} />
          <form onSubmit={submit} noValidate className="form">
            <ErrorSummary errors={errors} labels={labels} />
            {save.isError && !Object.keys(errors).length ? <ErrorNotice error={save.error} /> : null}
            <Field id="name" label={labels.name} error={errors.name?.message}>
              {(aria) => (
                <input
                  type="text"
                  autoComplete="off"
                  maxLength={200}
                  {...aria}
                  {...register('name', {
                    required: t('common.requiredField', { field: labels.name.toLowerCase() }),
                    validate: (v) => v.trim().length > 0 || t('common.requiredField', { field: labels.name.toLowerCase() }),
                  })}
                />
              )}
            </Field>
            <h3 id="tasks">{labels.tasks}</h3>
            {errors.tasks?.message ? <p className="field-error">{errors.tasks.message}</p> : null}
            <ul className="chosen-tasks">
              {chosen.fields.map((field, index) => {
                const name = taskName(field.taskId);
                return (
                  <li key={field.key} className="chosen-task">
                    <span className="task-name">{name}</span>
                    <div className="field">
                      <label htmlFor={`tasks.${index}.requiredLevel`} className="visually-hidden">
                        {t('roleDesigner.levelFor', { task: name })}
                      </label>
                      <select
                        id={`tasks.${index}.requiredLevel`}
                        {...register(`tasks.${index}.requiredLevel` as const, { valueAsNumber: true })}
                      >
                        {[1, 2, 3].map((level) => (
                          <option key={level} value={level}>
                            {t(`level.${level}`)}
                          </option>
                        ))}
                      </select>
                    </div>
                    <div className="field">
                      <label htmlFor={`tasks.${index}.weight`} className="visually-hidden">
                        {t('roleDesigner.weightFor', { task: name })}
                      </label>
                      <select id={`tasks.${index}.weight`} {...register(`tasks.${index}.weight` as const)}>
                        <option value="must-have">{t('weight.must-have')}</option>
                        <option value="nice-to-have">{t('weight.nice-to-have')}</option>
                      </select>
                    </div>
                    <button
                      type="button"
                      className="button-secondary"
                      onClick={() => chosen.remove(index)}
                      aria-label={t('roleDesigner.removeTask', { task: name })}
                    >
                      {t('roleDesigner.remove')}
                    </button>
                  </li>
                );
              })}
            </ul>
            <button type="submit" disabled={save.isPending} aria-busy={save.isPending}>
              {save.isPending ? t('common.saving') : role ? t('roleDesigner.saveVersion') : t('roleDesigner.save')}
            </button>
          </form>
          {role ? (
            <>
              <p>
                <Link to={`${paths.hrNewNeed}?role=${role.id}`}>{t('roleDesigner.postNeed')}</Link>
              </p>
              <h3>{t('roleDesigner.versions')}</h3>
              <ol className="versions" reversed>
                {[...(role.versions ?? [])].reverse().map((v) => (
                  <li key={v.version}>
                    {t('roleDesigner.version', { version: v.version })}: {v.name} ·{' '}
                    {t('roleDesigner.versionTasks', { count: v.tasks.length })} ·{' '}
                    {new Date(v.createdAt).toLocaleString(i18n.language === 'en' ? 'en-GB' : 'sv-SE')}
                  </li>
                ))}
              </ol>
            </>
          ) : null}
        </section>
      </div>
    </>
  );
}

function Templates({
  onUse,
  taskById,
}: {
  onUse: (tasks: Array<{ task: Task; requiredLevel: Level; weight: Weight }>) => void;
  taskById: Map<string, Task>;
}) {
  const { t, i18n } = useTranslation();
  const templates = useRoleTemplates();
  if (!templates.data?.length) return null;
  return (
    <details className="templates">
      <summary>{t('roleDesigner.fromTemplate')}</summary>
      <ul>
        {templates.data.map((template) => (
          <li key={template.key}>
            <span>{localName(template, i18n.language)}</span>{' '}
            <button
              type="button"
              className="button-secondary"
              onClick={() =>
                onUse(
                  template.tasks.flatMap((req) => {
                    const task = taskById.get(req.taskId);
                    return task ? [{ task, requiredLevel: req.requiredLevel, weight: req.weight }] : [];
                  }),
                )
              }
            >
              {t('roleDesigner.useTemplate')}
            </button>
          </li>
        ))}
      </ul>
    </details>
  );
}

function TaskSearch({ tasks, chosen, onAdd }: { tasks: Task[]; chosen: Set<string>; onAdd: (task: Task) => void }) {
  const { t, i18n } = useTranslation();
  const occupations = useOccupations();
  const [text, setText] = useState('');
  const [occupation, setOccupation] = useState('');
  const [shown, setShown] = useState(PAGE);
  const found = useMemo(() => {
    const needle = text.trim().toLowerCase();
    return tasks.filter(
      (task) =>
        (!occupation || task.occupations.includes(occupation)) &&
        (!needle ||
          task.nameSv.toLowerCase().includes(needle) ||
          task.nameEn.toLowerCase().includes(needle) ||
          task.id.includes(needle) ||
          task.occupations.some((o) => o.startsWith(needle))),
    );
  }, [tasks, text, occupation]);
  return (
    <div>
      <div className="field-row">
        <Field id="task-search" label={t('common.search')} hint={t('roleDesigner.searchHint')}>
          {(aria) => (
            <input
              type="search"
              {...aria}
              value={text}
              onChange={(e) => {
                setText(e.target.value);
                setShown(PAGE);
              }}
            />
          )}
        </Field>
        <Field id="task-occupation" label={t('roleDesigner.occupation')}>
          {(aria) => (
            <select
              {...aria}
              value={occupation}
              onChange={(e) => {
                setOccupation(e.target.value);
                setShown(PAGE);
              }}
            >
              <option value="">{t('roleDesigner.allOccupations')}</option>
              {(occupations.data ?? []).map((o) => (
                <option key={o.ssyk} value={o.ssyk}>
                  {o.ssyk} {localName(o, i18n.language)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <p role="status" aria-live="polite" className="meta">
        {t('roleDesigner.results', { count: found.length })}
      </p>
      <ul className="task-results">
        {found.slice(0, shown).map((task) => (
          <li key={task.id} className="task-result">
            <div className="task-result-head">
              <span className="task-name">{localName(task, i18n.language)}</span>
              <span className="meta">{task.occupations.join(', ')}</span>
              <button
                type="button"
                onClick={() => onAdd(task)}
                disabled={chosen.has(task.id)}
                aria-label={`${t('roleDesigner.add')}: ${localName(task, i18n.language)}`}
              >
                {chosen.has(task.id) ? t('roleDesigner.added') : t('roleDesigner.add')}
              </button>
            </div>
            <details>
              <summary>{t('roleDesigner.levelDescriptions')}</summary>
              {i18n.language !== 'sv' ? <p className="hint">{t('level.descriptionsInSwedish')}</p> : null}
              <dl className="levels">
                {(['1', '2', '3'] as const).map((level) => (
                  <div key={level}>
                    <dt>{t(`level.${level}`)}</dt>
                    <dd lang="sv">{task.levels[level]}</dd>
                  </div>
                ))}
              </dl>
            </details>
          </li>
        ))}
      </ul>
      {found.length > shown ? (
        <p>
          <button type="button" className="button-secondary" onClick={() => setShown((n) => n + PAGE)}>
            {t('roleDesigner.showMore', { count: Math.min(PAGE, found.length - shown) })}
          </button>
        </p>
      ) : null}
    </div>
  );
}

const PAGE = 15;
