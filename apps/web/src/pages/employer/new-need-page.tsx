import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { QueryState } from '../../components/feedback';
import { PageTitle } from '../../components/shell';
import { useUser } from '../../session/session';
import { NeedForm } from '../need-form';
import { usePostNeed, useRolesFor } from '../needs-api';

export function NewNeedPage({ needPath }: { needPath: (id: string) => string }) {
  const { t } = useTranslation();
  const user = useUser();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const roles = useRolesFor(user.organisationId);
  const postNeed = usePostNeed(user.organisationId ?? '');
  return (
    <>
      <PageTitle>{t('needs.new')}</PageTitle>
      <QueryState query={roles}>
        {(choices) => (
          <NeedForm
            roles={choices}
            defaults={{ roleId: params.get('role') ?? undefined, workplaceMunicipality: user.municipality }}
            submitting={postNeed.isPending}
            error={postNeed.error}
            onSubmit={(input, fail) =>
              postNeed.mutate(input, {
                onSuccess: (need) => navigate(needPath(need.id), { state: { notice: 'needs.posted' } }),
                onError: fail,
              })
            }
          />
        )}
      </QueryState>
    </>
  );
}
