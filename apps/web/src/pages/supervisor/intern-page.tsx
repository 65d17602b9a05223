import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { QueryState } from '../../components/feedback';
import { PageTitle } from '../../components/shell';
import { AssessmentForm, AssessmentList } from '../internship-view';
import { useInternship } from '../internships-api';

/** One intern: her assessments so far, and a new one with the level descriptions at hand. */
export function InternPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const internship = useInternship(id);
  return (
    <QueryState query={internship}>
      {(data) => (
        <>
          <PageTitle>{t('interns.internName', { id: data.candidateId.slice(0, 8) })}</PageTitle>
          <p className="meta">
            {data.startDate} – {data.endDate} · {data.supervisorRole}
          </p>
          <section className="card" aria-labelledby="new-assessment">
            <h2 id="new-assessment">{t('assessments.new')}</h2>
            <AssessmentForm internship={data} />
          </section>
          <h2>{t('assessments.title')}</h2>
          <AssessmentList internship={data} canCertify={false} />
        </>
      )}
    </QueryState>
  );
}
