import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, post, put, query } from '../../api/client';
import type { Level, Page, Role, Weight } from '../../api/types';

export interface TaskRequirement {
  taskId: string;
  requiredLevel: Level;
  weight: Weight;
}

export interface RoleTemplate {
  key: string;
  nameSv: string;
  nameEn: string;
  description: string;
  occupations: string[];
  tasks: Array<{ taskId: string; requiredLevel: Level; weight: Weight }>;
}

export const useOwnRoles = (employerId: string | undefined) =>
  useQuery({
    queryKey: ['roles', 'own', employerId],
    queryFn: ({ signal }) => get<Page<Role>>(`/roles${query({ employerId, kind: 'composed', limit: 100 })}`, signal),
    enabled: Boolean(employerId),
  });

export const useRole = (id: string | undefined) =>
  useQuery({ queryKey: ['role', id], queryFn: ({ signal }) => get<Role>(`/roles/${id}`, signal), enabled: Boolean(id) });

export const useRoleTemplates = () =>
  useQuery({
    queryKey: ['taxonomy', 'role-templates'],
    queryFn: ({ signal }) => get<RoleTemplate[]>('/taxonomy/role-templates', signal),
    staleTime: Infinity,
  });

export function useSaveRole(employerId: string, id: string | undefined) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; tasks: TaskRequirement[] }) =>
      id ? put<Role>(`/roles/${id}`, input) : post<Role>('/roles', { ...input, employerId }),
    onSuccess: (role) => {
      client.setQueryData(['role', role.id], role);
      void client.invalidateQueries({ queryKey: ['roles'] });
    },
  });
}
