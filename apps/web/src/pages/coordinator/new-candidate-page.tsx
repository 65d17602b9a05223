import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { PageTitle } from '../../components/shell';
import { paths } from '../../routes';
import { useUser } from '../../session/session';
import { RegistrationInput, useRegisterCandidate } from './candidates-api';
import { ProfileForm } from './profile-form';

export function NewCandidatePage() {
  const { t } = useTranslation();
  const user = useUser();
  const navigate = useNavigate();
  const registerCandidate = useRegisterCandidate();
  return (
    <>
      <PageTitle>{t('candidates.register')}</PageTitle>
      <ProfileForm
        registration
        defaults={{ homeMunicipality: user.municipality ?? '' }}
        submitting={registerCandidate.isPending}
        error={registerCandidate.error}
        submitLabel={t('candidates.register')}
        onSubmit={(input, fail) =>
          registerCandidate.mutate(input as RegistrationInput, {
            onSuccess: ({ candidateId }) =>
              navigate(paths.coordinatorCandidate(candidateId), { state: { notice: 'candidates.registered' } }),
            onError: fail,
          })
        }
      />
    </>
  );
}
