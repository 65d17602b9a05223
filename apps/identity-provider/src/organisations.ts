import type { OrganisationType } from '@jobbspar/platform';
import { listMunicipalities } from '@jobbspar/taxonomy';

/**
 * The organisations of the demo data (apps/jobbspar/src/demo/seed-demo.ts) and the areas they cover. An
 * organisation id is `<type>:<key>`; the key is what identifies it in the real world: an employer's
 * organisation number, a municipality's code, a county's code, a cooperation's or agency's slug.
 */
export interface OrganisationRecord {
  id: string;
  type: OrganisationType;
  name: string;
  /** The region the organisation works in: `se-<county>`. */
  tenant: string;
  /** Municipality codes it covers: one for a municipality or an employer (its seat), eleven for Familjen
   * Helsingborg, the whole county for a region. */
  municipalities: readonly string[];
}

const SKANE = 'se-12';
const VASTRA_GOTALAND = 'se-14';

/** Familjen Helsingborg: the cooperation of eleven municipalities in north-western Skåne. */
export const FAMILJEN_HELSINGBORG = ['1214', '1257', '1260', '1275', '1276', '1277', '1278', '1282', '1283', '1284', '1292'] as const;
const countyMunicipalities = (county: string): string[] => listMunicipalities(county).map((m) => m.code);

function employer(organisationNumber: string, name: string, municipality: string, tenant: string): OrganisationRecord {
  return { id: `employer:${organisationNumber}`, type: 'employer', name, tenant, municipalities: [municipality] };
}

function municipality(code: string, name: string, tenant: string): OrganisationRecord {
  return { id: `municipality:${code}`, type: 'municipality', name, tenant, municipalities: [code] };
}

export const ORGANISATIONS = {
  // Employers of the demo data, by organisation number. The municipalities are employers too.
  skovdeEmployer: employer('212000-1876', 'Skövde kommun', '1496', VASTRA_GOTALAND),
  helsingborgEmployer: employer('212000-1330', 'Helsingborgs stad', '1283', SKANE),
  landskronaEmployer: employer('212000-1280', 'Landskrona stad', '1282', SKANE),
  omsorg: employer('556712-3459', 'Kullabygdens Omsorg AB', '1284', SKANE),
  lager: employer('556998-8776', 'Skaraborgs Lager och Logistik AB', '1496', VASTRA_GOTALAND),
  kok: employer('559012-3443', 'Restaurang Sundet AB', '1283', SKANE),
  // Municipalities as public authorities (HR composing roles, coordinators of their residents).
  skovde: municipality('1496', 'Skövde kommun', VASTRA_GOTALAND),
  helsingborg: municipality('1283', 'Helsingborgs stad', SKANE),
  landskrona: municipality('1282', 'Landskrona stad', SKANE),
  familjenHelsingborg: {
    id: 'cooperation:familjen-helsingborg',
    type: 'cooperation',
    name: 'Familjen Helsingborg',
    tenant: SKANE,
    municipalities: FAMILJEN_HELSINGBORG,
  },
  regionSkane: { id: 'region:12', type: 'region', name: 'Region Skåne', tenant: SKANE, municipalities: countyMunicipalities('12') },
  vastraGotaland: {
    id: 'region:14',
    type: 'region',
    name: 'Västra Götalandsregionen',
    tenant: VASTRA_GOTALAND,
    municipalities: countyMunicipalities('14'),
  },
  arbetsformedlingenSkane: {
    id: 'employment-service:arbetsformedlingen',
    type: 'employment-service',
    name: 'Arbetsförmedlingen (Skåne)',
    tenant: SKANE,
    municipalities: FAMILJEN_HELSINGBORG,
  },
} as const satisfies Record<string, OrganisationRecord>;
