import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { localName } from '../i18n';
import { get } from './client';
import type { County, Employer, Municipality, Occupation, Page, Task } from './types';

/** Reference data that changes with a taxonomy release, not during a session: fetched once, kept. */
const forever = { staleTime: Infinity, gcTime: Infinity } as const;

export const useTasks = () =>
  useQuery({ queryKey: ['taxonomy', 'tasks'], queryFn: ({ signal }) => get<Task[]>('/taxonomy/tasks', signal), ...forever });
export const useOccupations = () =>
  useQuery({
    queryKey: ['taxonomy', 'occupations'],
    queryFn: ({ signal }) => get<Occupation[]>('/taxonomy/occupations', signal),
    ...forever,
  });
export const useMunicipalities = () =>
  useQuery({
    queryKey: ['taxonomy', 'municipalities'],
    queryFn: ({ signal }) => get<Municipality[]>('/taxonomy/municipalities', signal),
    ...forever,
  });
export const useCounties = () =>
  useQuery({ queryKey: ['taxonomy', 'counties'], queryFn: ({ signal }) => get<County[]>('/taxonomy/counties', signal), ...forever });
export const useEmployers = () =>
  useQuery({ queryKey: ['employers'], queryFn: ({ signal }) => get<Page<Employer>>('/employers?limit=100', signal), staleTime: 60_000 });

/** Names for ids: a task's, an occupation's or a municipality's name in the page's language (the id until loaded). */
export function useNames() {
  const { i18n } = useTranslation();
  const tasks = useTasks();
  const municipalities = useMunicipalities();
  const occupations = useOccupations();
  const taskById = new Map((tasks.data ?? []).map((task) => [task.id, task]));
  const municipalityByCode = new Map((municipalities.data ?? []).map((m) => [m.code, m.name]));
  const occupationBySsyk = new Map((occupations.data ?? []).map((o) => [o.ssyk, o]));
  return {
    task: (id: string): string => {
      const task = taskById.get(id);
      return task ? localName(task, i18n.language) : id;
    },
    taskOf: (id: string): Task | undefined => taskById.get(id),
    municipality: (code: string): string => municipalityByCode.get(code) ?? code,
    occupation: (ssyk: string): string => {
      const o = occupationBySsyk.get(ssyk);
      return o ? localName(o, i18n.language) : ssyk;
    },
  };
}
