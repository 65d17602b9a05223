import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useNames } from '../../api/reference';
import { QueryState } from '../../components/feedback';
import { PageTitle } from '../../components/shell';
import { useSearchPaging } from '../../components/search';
import { DataTable, Pager } from '../../components/table';
import { useUser } from '../../session/session';
import { NEEDS_PAGE_SIZE, useNeedsOf } from '../needs-api';
import { NeedSearch } from '../need-search';

/**
 * The needs of the signed-in organisation: what is open, how many positions are left, and a way in to each; twenty a
 * page, searched by the role's name, so that every one is reached however many there are.
 */
export function NeedsPage({ title, newPath, needPath }: { title: string; newPath: string; needPath: (id: string) => string }) {
  const { t } = useTranslation();
  const user = useUser();
  const { text, setText, q, offset, setOffset } = useSearchPaging();
  const needs = useNeedsOf(user.organisationId, q, offset);
  const names = useNames();
  return (
    <>
      <PageTitle>{title}</PageTitle>
      <p>
        <Link className="button" to={newPath}>
          {t('needs.new')}
        </Link>
      </p>
      <NeedSearch id="needs-search" text={text} onText={setText} q={q} total={needs.data?.total} />
      <QueryState query={needs}>
        {(page) =>
          page.items.length === 0 ? (
            <p>{q ? t('needs.noneFound') : t('needs.empty')}</p>
          ) : (
            <>
              <DataTable
                caption={title}
                rows={page.items}
                rowKey={(need) => need.id}
                columns={[
                  { header: t('needs.role'), cell: (need) => <Link to={needPath(need.id)}>{need.roleName}</Link> },
                  { header: t('common.municipality'), cell: (need) => names.municipality(need.workplaceMunicipality) },
                  {
                    header: t('needs.positions'),
                    cell: (need) => t('needs.positionsOpen', { open: need.positionsOpen, total: need.positions }),
                  },
                  { header: t('needs.startDate'), cell: (need) => need.startDate },
                  { header: t('needs.placementType'), cell: (need) => t(`placementType.${need.placementType}`) },
                  {
                    header: t('common.status'),
                    cell: (need) => <span className={`badge badge-${need.status}`}>{t(`needStatus.${need.status}`)}</span>,
                  },
                ]}
              />
              <Pager total={page.total} offset={offset} size={NEEDS_PAGE_SIZE} onChange={setOffset} />
            </>
          )
        }
      </QueryState>
    </>
  );
}
