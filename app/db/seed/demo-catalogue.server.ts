// What the demo portfolio is made of: real ministries, directions and agencies as sponsors, real-sounding
// incubators, and fictional products whose problems, markets and indicators are modelled on the
// beta.gouv.fr network's public portfolio. Data only; seed.server.ts turns it into rows.
import type { Phase } from "~/domain/phases";
import type { Direction, OrganisationType } from "~/generated/prisma/enums";

/**
 * Addresses use reserved domains (RFC 2606): no e-mail can ever reach a real person. Only the personas
 * use DEMO_EMAIL_DOMAIN, because the demo sign-in page offers every account of that domain; the other
 * demo users live on a sibling domain.
 */
export const DEMO_EMAIL_DOMAIN = "demo.jalon.example";
export const PEOPLE_EMAIL_DOMAIN = "agents.jalon.example";

export interface MinistrySeed {
  key: string;
  name: string;
  shortName: string;
}

export const MINISTRIES: readonly MinistrySeed[] = [
  {
    key: "transition-ecologique",
    name: "Ministère de la Transition écologique, de la Biodiversité et des Négociations internationales sur le climat et la nature",
    shortName: "Transition écologique",
  },
  {
    key: "territoires",
    name: "Ministère de l'Aménagement du territoire et de la Décentralisation",
    shortName: "Aménagement du territoire",
  },
  { key: "premier-ministre", name: "Services du Premier ministre", shortName: "Premier ministre" },
  { key: "travail-solidarites", name: "Ministère du Travail et des Solidarités", shortName: "Travail et Solidarités" },
  { key: "interieur", name: "Ministère de l'Intérieur", shortName: "Intérieur" },
  {
    key: "economie",
    name: "Ministère de l'Économie, des Finances et de la Souveraineté industrielle, énergétique et numérique",
    shortName: "Économie et Finances",
  },
  { key: "culture", name: "Ministère de la Culture", shortName: "Culture" },
];

export interface OrganisationSeed {
  key: string;
  name: string;
  acronym?: string;
  type: OrganisationType;
  domain: string;
  ministry: string;
}

export const ORGANISATIONS: readonly OrganisationSeed[] = [
  { key: "mte", name: "Ministère de la Transition écologique", acronym: "MTE", type: "ministere", domain: "environnement", ministry: "transition-ecologique" },
  { key: "ademe", name: "Agence de la transition écologique", acronym: "ADEME", type: "operateur", domain: "environnement", ministry: "transition-ecologique" },
  { key: "dgpr", name: "Direction générale de la Prévention des risques", acronym: "DGPR", type: "administration_centrale", domain: "environnement", ministry: "transition-ecologique" },
  { key: "dgec", name: "Direction générale de l'Énergie et du Climat", acronym: "DGEC", type: "administration_centrale", domain: "environnement", ministry: "transition-ecologique" },
  { key: "dgaln", name: "Direction générale de l'Aménagement, du Logement et de la Nature", acronym: "DGALN", type: "administration_centrale", domain: "logement", ministry: "transition-ecologique" },
  { key: "ofb", name: "Office français de la biodiversité", acronym: "OFB", type: "operateur", domain: "environnement", ministry: "transition-ecologique" },
  { key: "anct", name: "Agence nationale de la cohésion des territoires", acronym: "ANCT", type: "operateur", domain: "territoires", ministry: "territoires" },
  { key: "dgcl", name: "Direction générale des collectivités locales", acronym: "DGCL", type: "administration_centrale", domain: "territoires", ministry: "interieur" },
  { key: "dinum", name: "Direction interministérielle du numérique", acronym: "DINUM", type: "administration_centrale", domain: "numerique", ministry: "premier-ministre" },
  { key: "ditp", name: "Direction interministérielle de la transformation publique", acronym: "DITP", type: "administration_centrale", domain: "action-publique", ministry: "premier-ministre" },
  { key: "dnum-sociaux", name: "Direction du numérique des ministères sociaux", acronym: "DNUM", type: "administration_centrale", domain: "solidarites", ministry: "travail-solidarites" },
  { key: "dgcs", name: "Direction générale de la cohésion sociale", acronym: "DGCS", type: "administration_centrale", domain: "solidarites", ministry: "travail-solidarites" },
  { key: "dgefp", name: "Délégation générale à l'emploi et à la formation professionnelle", acronym: "DGEFP", type: "administration_centrale", domain: "emploi", ministry: "travail-solidarites" },
  { key: "dgt", name: "Direction générale du travail", acronym: "DGT", type: "administration_centrale", domain: "travail", ministry: "travail-solidarites" },
  { key: "france-travail", name: "France Travail", acronym: "FT", type: "operateur", domain: "emploi", ministry: "travail-solidarites" },
  { key: "mi", name: "Ministère de l'Intérieur", acronym: "MI", type: "ministere", domain: "interieur", ministry: "interieur" },
  { key: "dgef", name: "Direction générale des étrangers en France", acronym: "DGEF", type: "administration_centrale", domain: "interieur", ministry: "interieur" },
  { key: "dgscgc", name: "Direction générale de la sécurité civile et de la gestion des crises", acronym: "DGSCGC", type: "administration_centrale", domain: "interieur", ministry: "interieur" },
  { key: "dgpn", name: "Direction générale de la police nationale", acronym: "DGPN", type: "administration_centrale", domain: "interieur", ministry: "interieur" },
  { key: "dlpaj", name: "Direction des libertés publiques et des affaires juridiques", acronym: "DLPAJ", type: "administration_centrale", domain: "interieur", ministry: "interieur" },
  { key: "dgfip", name: "Direction générale des Finances publiques", acronym: "DGFiP", type: "administration_centrale", domain: "finances", ministry: "economie" },
  { key: "dge", name: "Direction générale des entreprises", acronym: "DGE", type: "administration_centrale", domain: "economie", ministry: "economie" },
  { key: "urssaf", name: "Urssaf Caisse nationale", acronym: "Urssaf", type: "operateur", domain: "solidarites", ministry: "economie" },
  { key: "mc", name: "Ministère de la Culture", acronym: "MC", type: "ministere", domain: "culture", ministry: "culture" },
  { key: "dgpat", name: "Direction générale des patrimoines et de l'architecture", acronym: "DGPA", type: "administration_centrale", domain: "culture", ministry: "culture" },
  { key: "dgca", name: "Direction générale de la création artistique", acronym: "DGCA", type: "administration_centrale", domain: "culture", ministry: "culture" },
  { key: "siaf", name: "Service interministériel des Archives de France", acronym: "SIAF", type: "administration_centrale", domain: "culture", ministry: "culture" },
];

export interface IncubatorSeed {
  key: string;
  name: string;
  description: string;
  website: string;
  ministry: string;
  owner: string;
  /** Where the products' code lives. */
  codeHost: string;
  /** Where its committees meet. */
  room: string;
  /** Which half of the month its committees meet in (they meet every other month). */
  committeeWeek: "early" | "late";
}

export const INCUBATORS: readonly IncubatorSeed[] = [
  {
    key: "fabnum-ecologie",
    name: "La Fabrique Numérique de l'Écologie",
    description:
      "L'incubateur du pôle ministériel Transition écologique – Cohésion des territoires – Mer accompagne les agents qui veulent résoudre un problème de politique publique par un service numérique.",
    website: "https://fabrique-numerique.gouv.fr",
    ministry: "transition-ecologique",
    owner: "mte",
    codeHost: "https://github.com/MTES-MCT",
    room: "Arche de la Défense, paroi Sud, salle 23.14",
    committeeWeek: "early",
  },
  {
    key: "incubateur-territoires",
    name: "L'Incubateur des territoires",
    description:
      "Porté par l'ANCT, il construit avec les collectivités des services numériques utiles aux agents et aux élus locaux.",
    website: "https://incubateur.anct.gouv.fr",
    ministry: "territoires",
    owner: "anct",
    codeHost: "https://gitlab.com/incubateur-territoires",
    room: "ANCT, 20 avenue de Ségur, salle Simone Veil",
    committeeWeek: "late",
  },
  {
    key: "beta-dinum",
    name: "beta.gouv.fr (DINUM)",
    description:
      "Le programme beta.gouv.fr de la DINUM accompagne les services numériques interministériels et ceux des administrations qui n'ont pas d'incubateur.",
    website: "https://beta.gouv.fr",
    ministry: "premier-ministre",
    owner: "dinum",
    codeHost: "https://github.com/betagouv",
    room: "DINUM, 20 avenue de Ségur, salle 4.A",
    committeeWeek: "early",
  },
  {
    key: "fabnum-sociaux",
    name: "La Fabrique numérique des ministères sociaux",
    description:
      "L'incubateur des ministères du travail, de la santé et des solidarités : des services pour les salariés, les familles et les personnes accompagnées.",
    website: "https://fabrique.social.gouv.fr",
    ministry: "travail-solidarites",
    owner: "dnum-sociaux",
    codeHost: "https://github.com/SocialGouv",
    room: "Tour Mirabeau, 39-43 quai André Citroën, salle 12",
    committeeWeek: "late",
  },
  {
    key: "fabnum-interieur",
    name: "La Fabrique numérique du ministère de l'Intérieur",
    description:
      "L'incubateur du ministère de l'Intérieur : des services pour les usagers des préfectures, les forces de sécurité et les élus.",
    website: "https://www.interieur.gouv.fr/fabrique-numerique",
    ministry: "interieur",
    owner: "mi",
    codeHost: "https://github.com/MinInt-FabNum",
    room: "Place Beauvau, salle Clemenceau",
    committeeWeek: "early",
  },
  {
    key: "fabrique-dgfip",
    name: "La Fabrique numérique des Finances publiques",
    description: "L'incubateur de la DGFiP : des services pour les contribuables, les collectivités et les agents des finances publiques.",
    website: "https://www.impots.gouv.fr/fabrique-numerique",
    ministry: "economie",
    owner: "dgfip",
    codeHost: "https://github.com/dgfip",
    room: "Bercy, bâtiment Vauban, salle 0045",
    committeeWeek: "late",
  },
  {
    key: "atelier-culture",
    name: "L'Atelier numérique du ministère de la Culture",
    description: "L'incubateur du ministère de la Culture : patrimoine, création et accès de tous à la culture.",
    website: "https://www.culture.gouv.fr/atelier-numerique",
    ministry: "culture",
    owner: "mc",
    codeHost: "https://github.com/MinCulture",
    room: "182 rue Saint-Honoré, salle des Colonnes",
    committeeWeek: "late",
  },
];

/** The "useful" indicator of a product: the value it creates, between a first and a hoped-for level. */
export interface UsefulIndicatorSeed {
  name: string;
  unit: string;
  direction: Direction;
  from: number;
  to: number;
  decimals: number;
}

/** An "impactful" indicator, counted from acceleration on: a cumulated effect per active user-month. */
export interface ImpactIndicatorSeed {
  name: string;
  unit: string;
  perActiveUser: number;
}

export interface ProductSeed {
  slug: string;
  name: string;
  incubator: string;
  coIncubators?: string[];
  sponsors: string[];
  /** The phases the product goes through, the last one being its phase on the demo's date. */
  path: Phase[];
  pitch: string;
  problem: string;
  solution: string;
  /** The priority market and the share of it the product can reach at best. */
  market: { label: string; size: number; reach: number };
  useful: UsefulIndicatorSeed;
  impact?: ImpactIndicatorSeed;
  /** Why a stopped product was stopped. */
  stopReason?: "impact" | "budget";
  /** Who runs a transferred or operated product, with its article ("l'ADEME", "le SIAF"). */
  receiver?: string;
}

const INV: Phase[] = ["investigation"];
const INV_STOP: Phase[] = ["investigation", "abandon-investigation"];
const BUILD: Phase[] = ["investigation", "construction"];
const GROW: Phase[] = [...BUILD, "acceleration"];
const CONSOLIDATE: Phase[] = [...GROW, "consolidation"];

const percent = (name: string, from: number, to: number): UsefulIndicatorSeed => ({
  name,
  unit: "%",
  direction: "higher_is_better",
  from,
  to,
  decimals: 1,
});
const delay = (name: string, unit: string, from: number, to: number): UsefulIndicatorSeed => ({
  name,
  unit,
  direction: "lower_is_better",
  from,
  to,
  decimals: 0,
});

export const PRODUCTS: readonly ProductSeed[] = [
  // ---------- La Fabrique Numérique de l'Écologie ----------
  {
    slug: "renov-diag",
    name: "Rénov'Diag",
    incubator: "fabnum-ecologie",
    sponsors: ["ademe", "dgaln"],
    path: GROW,
    pitch: "Dire à chaque propriétaire quels travaux de rénovation énergétique engager d'abord, et avec quelles aides.",
    problem:
      "Les propriétaires qui veulent rénover leur logement se perdent entre audits, artisans et guichets d'aides ; beaucoup renoncent ou engagent des travaux isolés qui n'améliorent guère l'étiquette énergétique.",
    solution:
      "Un parcours en ligne qui part du logement réel (DPE, année de construction, chauffage), propose un bouquet de travaux chiffré et oriente vers le conseiller France Rénov' le plus proche.",
    market: { label: "propriétaires occupants en projet de rénovation", size: 2_000_000, reach: 0.12 },
    useful: percent("Part des diagnostics suivis d'une demande d'aide", 4, 27),
    impact: { name: "Tonnes de CO₂ évitées (cumul estimé)", unit: "tCO₂", perActiveUser: 0.0021 },
  },
  {
    slug: "tri-malin",
    name: "Tri Malin",
    incubator: "fabnum-ecologie",
    sponsors: ["ademe"],
    path: CONSOLIDATE,
    pitch: "Indiquer à chaque habitant où donner, réparer ou jeter un objet, selon sa commune.",
    problem:
      "Les consignes de tri et les points de réemploi changent d'une commune à l'autre : faute de savoir où aller, des objets réutilisables finissent à la poubelle.",
    solution:
      "Un moteur de recherche par objet qui agrège les consignes des collectivités et les lieux de réemploi et de réparation, intégrable sur les sites des communes.",
    market: { label: "habitants cherchant une solution pour un objet", size: 6_000_000, reach: 0.09 },
    useful: percent("Part des recherches aboutissant à une solution de réemploi", 18, 46),
    impact: { name: "Tonnes de déchets évitées (cumul estimé)", unit: "t", perActiveUser: 0.0009 },
  },
  {
    slug: "etat-des-risques",
    name: "État des risques express",
    incubator: "fabnum-ecologie",
    sponsors: ["dgpr"],
    path: [...CONSOLIDATE, "opere"],
    receiver: "la DGPR",
    pitch: "Produire en une minute l'état des risques d'une parcelle, pour les notaires, agents immobiliers et particuliers.",
    problem:
      "L'état des risques obligatoire lors d'une vente ou d'une location se remplit à la main à partir d'arrêtés préfectoraux dispersés ; les erreurs exposent les vendeurs à des recours.",
    solution:
      "Un service qui croise l'adresse avec les plans de prévention des risques et génère un document conforme, pré-rempli et à jour.",
    market: { label: "professionnels et particuliers concernés par une transaction", size: 900_000, reach: 0.35 },
    useful: delay("Temps moyen pour produire un état des risques", "minutes", 45, 4),
  },
  {
    slug: "eau-vigilante",
    name: "Eau Vigilante",
    incubator: "fabnum-ecologie",
    sponsors: ["dgaln"],
    path: BUILD,
    pitch: "Prévenir les maires et les habitants des restrictions d'eau qui s'appliquent chez eux.",
    problem:
      "Les arrêtés sécheresse sont publiés par les préfectures sous des formes variées ; les usagers et même les mairies apprennent trop tard les restrictions qui les concernent.",
    solution:
      "Un service d'alerte par adresse, alimenté par les arrêtés normalisés, avec une API pour les collectivités et les distributeurs d'eau.",
    market: { label: "communes et syndicats des eaux", size: 36_000, reach: 0.4 },
    useful: percent("Part des arrêtés publiés sous 24 h", 35, 92),
  },
  {
    slug: "chaleur-partagee",
    name: "Chaleur Partagée",
    incubator: "fabnum-ecologie",
    sponsors: ["dgec", "ademe"],
    path: [...GROW, "transfere"],
    receiver: "l'ADEME",
    pitch: "Dire aux copropriétés si elles peuvent se raccorder à un réseau de chaleur et ce qu'elles y gagneraient.",
    problem:
      "Les réseaux de chaleur, souvent alimentés par des énergies renouvelables, sont méconnus : les syndics ne savent pas qu'un raccordement est possible à deux rues de chez eux.",
    solution:
      "Une carte des réseaux et un test d'éligibilité à l'adresse, qui transmet les demandes qualifiées aux gestionnaires de réseaux.",
    market: { label: "gestionnaires de copropriétés et bailleurs", size: 150_000, reach: 0.3 },
    useful: percent("Part des demandes qualifiées transmises aux gestionnaires de réseaux", 10, 55),
    impact: { name: "Logements raccordés à un réseau de chaleur (cumul)", unit: "logements", perActiveUser: 0.012 },
  },
  {
    slug: "friches-express",
    name: "Friches Express",
    incubator: "fabnum-ecologie",
    sponsors: ["ademe", "anct"],
    path: GROW,
    pitch: "Évaluer en quelques clics le potentiel de reconversion d'une friche pour éviter d'artificialiser des terres.",
    problem:
      "Les collectivités disposent de friches industrielles ou commerciales mais n'ont pas les moyens d'études pour savoir ce qu'elles pourraient devenir ; elles construisent alors sur des terres agricoles.",
    solution:
      "Un diagnostic automatique des friches (pollution, accès, réseaux, zonage) et une estimation des coûts de reconversion, partagés avec les aménageurs.",
    market: { label: "collectivités et aménageurs", size: 40_000, reach: 0.35 },
    useful: percent("Part des friches diagnostiquées entrées en projet", 3, 21),
    impact: { name: "Hectares de friches remis en projet (cumul)", unit: "ha", perActiveUser: 0.0025 },
  },
  {
    slug: "biodiv-chantier",
    name: "Biodiv'Chantier",
    incubator: "fabnum-ecologie",
    sponsors: ["ofb", "dgaln"],
    path: BUILD,
    pitch: "Simplifier les demandes de dérogation espèces protégées pour les porteurs de projets et les services instructeurs.",
    problem:
      "Les dossiers de dérogation arrivent incomplets, les allers-retours allongent l'instruction de plusieurs mois et les mesures compensatoires sont mal suivies.",
    solution:
      "Un formulaire guidé qui vérifie la complétude du dossier et un tableau de suivi des mesures compensatoires partagé entre pétitionnaires et DREAL.",
    market: { label: "porteurs de projets et services instructeurs", size: 12_000, reach: 0.5 },
    useful: delay("Délai moyen d'instruction d'une demande", "jours", 240, 120),
  },
  {
    slug: "flotte-verte",
    name: "Flotte Verte",
    incubator: "fabnum-ecologie",
    sponsors: [],
    path: [...BUILD, "abandon"],
    stopReason: "impact",
    pitch: "Aider les administrations à choisir et suivre le verdissement de leur parc de véhicules.",
    problem:
      "Les gestionnaires de flottes publiques doivent atteindre des quotas de véhicules à faibles émissions sans outil pour comparer coûts et usages.",
    solution: "Un simulateur de remplacement des véhicules et un suivi des quotas par service.",
    market: { label: "gestionnaires de flottes publiques", size: 4_000, reach: 0.4 },
    useful: percent("Part des renouvellements conformes aux quotas", 40, 70),
  },
  {
    slug: "sobriete-batiments",
    name: "Sobriété des bâtiments publics",
    incubator: "fabnum-ecologie",
    coIncubators: ["beta-dinum"],
    sponsors: [],
    path: INV,
    pitch: "Suivre la consommation d'énergie des bâtiments de l'État pour cibler les économies.",
    problem:
      "Les gestionnaires immobiliers de l'État reçoivent les factures d'énergie sans pouvoir les rapprocher des bâtiments ni repérer les dérives.",
    solution: "Investigation en cours : rapprocher factures, compteurs et bâtiments pour repérer les gisements d'économie.",
    market: { label: "gestionnaires de sites de l'État", size: 8_000, reach: 0.5 },
    useful: percent("Part des bâtiments dont la consommation est suivie", 5, 60),
  },
  // ---------- L'Incubateur des territoires ----------
  {
    slug: "guichet-projets-locaux",
    name: "Guichet Projets Locaux",
    incubator: "incubateur-territoires",
    sponsors: ["anct", "dgcl"],
    path: [...GROW, "opere"],
    receiver: "l'ANCT",
    pitch: "Trouver en un endroit les financements et l'ingénierie disponibles pour un projet communal.",
    problem:
      "Plus de trois cents dispositifs d'aide existent pour les collectivités ; les petites communes, sans service dédié, passent à côté de ceux auxquels elles ont droit.",
    solution: "Un moteur de recherche territorialisé des aides, alimenté par les porteurs d'aides eux-mêmes, avec des alertes par projet.",
    market: { label: "communes et intercommunalités", size: 36_000, reach: 0.45 },
    useful: percent("Part des projets ayant obtenu au moins une aide identifiée", 12, 38),
  },
  {
    slug: "relance-logement",
    name: "Relance Logement",
    incubator: "incubateur-territoires",
    sponsors: ["dgaln", "anct"],
    path: GROW,
    pitch: "Aider les communes à repérer les logements vacants et à convaincre leurs propriétaires de les remettre sur le marché.",
    problem:
      "Plus d'un million de logements sont vacants depuis plus de deux ans alors que des communes manquent de logements ; les collectivités ne savent pas qui contacter ni comment.",
    solution: "Un outil de ciblage à partir des fichiers fonciers et un parcours de prise de contact avec les propriétaires.",
    market: { label: "collectivités engagées dans la lutte contre la vacance", size: 5_000, reach: 0.6 },
    useful: percent("Part des propriétaires contactés ayant répondu", 8, 31),
    impact: { name: "Logements vacants remis sur le marché (cumul)", unit: "logements", perActiveUser: 0.35 },
  },
  {
    slug: "mon-conseil-municipal",
    name: "Mon Conseil Municipal",
    incubator: "incubateur-territoires",
    sponsors: ["dgcl"],
    path: BUILD,
    pitch: "Outiller les secrétaires de mairie pour préparer, voter et publier les délibérations.",
    problem:
      "Dans les petites communes, la secrétaire de mairie rédige seule les délibérations ; les erreurs de forme entraînent des annulations par le contrôle de légalité.",
    solution: "Des modèles de délibérations à jour du droit, la transmission au contrôle de légalité et la publication en un clic.",
    market: { label: "communes de moins de 3 500 habitants", size: 31_000, reach: 0.25 },
    useful: percent("Part des délibérations transmises sans observation", 82, 97),
  },
  {
    slug: "carto-france-services",
    name: "Carto France services",
    incubator: "incubateur-territoires",
    coIncubators: ["beta-dinum"],
    sponsors: ["anct"],
    path: [...GROW, "transfere"],
    receiver: "l'ANCT",
    pitch: "Trouver la maison France services la plus proche, ses horaires et les démarches qu'on peut y faire.",
    problem:
      "Les usagers éloignés du numérique ne savent pas qu'un guichet France services peut les aider près de chez eux, ni quand il est ouvert.",
    solution: "Une carte à jour des guichets, tenue par les conseillers eux-mêmes, reprise par les sites des préfectures et des opérateurs.",
    market: { label: "usagers cherchant un accompagnement", size: 3_000_000, reach: 0.08 },
    useful: percent("Part des visites aboutissant à un contact avec un guichet", 9, 24),
  },
  {
    slug: "revitalis",
    name: "Revitalis",
    incubator: "incubateur-territoires",
    sponsors: ["anct"],
    path: BUILD,
    pitch: "Suivre l'avancement des projets de revitalisation des petites villes et partager ce qui marche.",
    problem:
      "Les chefs de projet des programmes de revitalisation suivent leurs actions dans des tableurs ; l'État et les partenaires ne voient ni les blocages ni les réussites à reproduire.",
    solution: "Un espace de suivi partagé des actions, relié aux financements, avec une bibliothèque de projets réussis.",
    market: { label: "chefs de projet de revitalisation", size: 2_500, reach: 0.7 },
    useful: percent("Part des actions à jour dans le mois", 20, 75),
  },
  {
    slug: "concessions-facile",
    name: "Concessions Facile",
    incubator: "incubateur-territoires",
    sponsors: [],
    path: INV,
    pitch: "Dématérialiser la gestion des concessions funéraires des communes.",
    problem:
      "Les registres de concessions sont souvent papier ; les communes ne peuvent ni relancer les familles à l'échéance ni reprendre les concessions abandonnées.",
    solution: "Investigation en cours auprès de dix communes pilotes pour mesurer le temps passé et les besoins.",
    market: { label: "communes gérant un cimetière", size: 30_000, reach: 0.2 },
    useful: delay("Temps passé par mois sur les concessions", "heures", 12, 3),
  },
  // ---------- beta.gouv.fr (DINUM) ----------
  {
    slug: "audit-accessibilite",
    name: "Audit Accessibilité",
    incubator: "beta-dinum",
    sponsors: ["dinum"],
    path: [...GROW, "opere"],
    receiver: "la DINUM",
    pitch: "Permettre aux équipes de mesurer elles-mêmes l'accessibilité (RGAA) de leur service en ligne.",
    problem:
      "Moins d'un service public en ligne sur cinq est totalement accessible ; les audits externes coûtent cher et arrivent trop tard dans la vie d'un produit.",
    solution: "Un outil d'audit guidé critère par critère, qui produit la déclaration d'accessibilité et le plan d'action.",
    market: { label: "équipes de services publics numériques", size: 20_000, reach: 0.45 },
    useful: percent("Part des services audités publiant une déclaration d'accessibilité", 30, 85),
  },
  {
    slug: "formulaires-etat",
    name: "Formulaires de l'État",
    incubator: "beta-dinum",
    sponsors: ["dinum"],
    path: GROW,
    pitch: "Créer des formulaires en ligne simples, accessibles et conformes au DSFR, sans développeur.",
    problem:
      "Les administrations publient encore des formulaires PDF ou passent par des outils étrangers non conformes au RGPD pour collecter des informations.",
    solution: "Un éditeur de formulaires souverain, accessible par défaut, qui envoie les réponses aux systèmes des administrations.",
    market: { label: "agents publics créant des formulaires", size: 150_000, reach: 0.2 },
    useful: percent("Part des formulaires PDF remplacés", 2, 35),
  },
  {
    slug: "salles-partagees",
    name: "Salles Partagées",
    incubator: "beta-dinum",
    sponsors: ["dinum", "dgfip"],
    path: [...GROW, "abandon"],
    stopReason: "budget",
    pitch: "Réserver une salle de réunion dans n'importe quel bâtiment de l'État.",
    problem:
      "Les salles de réunion de l'État sont occupées à moins de 40 % pendant que des services louent des espaces à l'extérieur.",
    solution: "Un annuaire commun des salles et un outil de réservation interministériel.",
    market: { label: "agents de l'État en Île-de-France", size: 300_000, reach: 0.1 },
    useful: percent("Taux d'occupation des salles partagées", 35, 60),
  },
  {
    slug: "retour-usager",
    name: "Retour Usager",
    incubator: "beta-dinum",
    sponsors: ["ditp"],
    path: CONSOLIDATE,
    pitch: "Recueillir l'avis des usagers sur les démarches en ligne et publier les résultats.",
    problem: "Les administrations ne savent pas ce que les usagers pensent de leurs démarches en ligne, ni lesquelles améliorer en priorité.",
    solution: "Un bouton d'avis à intégrer en fin de démarche et un observatoire public de la qualité des démarches.",
    market: { label: "usagers de démarches en ligne", size: 10_000_000, reach: 0.06 },
    useful: percent("Part des démarches ayant amélioré leur note en un an", 10, 45),
  },
  {
    slug: "api-attestations",
    name: "API Attestations",
    incubator: "beta-dinum",
    sponsors: ["dgfip", "urssaf"],
    path: [...GROW, "transfere"],
    receiver: "la DINUM",
    pitch: "Permettre aux administrations de récupérer les attestations d'une entreprise sans les lui redemander.",
    problem:
      "Pour répondre à un marché public ou demander une aide, une entreprise fournit dix fois par an les mêmes attestations fiscales et sociales.",
    solution: "Une API qui délivre aux administrations habilitées les attestations à jour, directement à la source.",
    market: { label: "administrations et collectivités instructrices", size: 15_000, reach: 0.4 },
    useful: delay("Pièces justificatives demandées par dossier", "pièces", 6, 1),
  },
  {
    slug: "langage-clair",
    name: "Langage Clair",
    incubator: "beta-dinum",
    sponsors: ["ditp"],
    path: INV,
    pitch: "Aider les agents à réécrire les courriers administratifs en langage clair.",
    problem: "Un courrier administratif sur deux génère un appel ou une visite parce que l'usager ne l'a pas compris.",
    solution: "Investigation en cours : tester un assistant de réécriture avec trois caisses et deux préfectures.",
    market: { label: "agents rédigeant des courriers aux usagers", size: 400_000, reach: 0.1 },
    useful: percent("Baisse des appels liés à l'incompréhension d'un courrier", 0, 30),
  },
  // ---------- La Fabrique numérique des ministères sociaux ----------
  {
    slug: "parcours-insertion",
    name: "Parcours Insertion",
    incubator: "fabnum-sociaux",
    sponsors: ["dgcs", "france-travail"],
    path: GROW,
    pitch: "Coordonner en un seul endroit les rendez-vous d'un allocataire du RSA avec ses accompagnants.",
    problem:
      "Un allocataire du RSA attend en moyenne plusieurs mois son premier rendez-vous d'accompagnement ; départements et France Travail se transmettent les dossiers par courriel.",
    solution: "Un outil de prise de rendez-vous et de suivi partagé entre départements, France Travail et structures d'insertion.",
    market: { label: "professionnels de l'accompagnement RSA", size: 60_000, reach: 0.5 },
    useful: delay("Délai moyen avant le premier rendez-vous", "jours", 95, 25),
  },
  {
    slug: "droit-du-travail-simple",
    name: "Droit du travail simple",
    incubator: "fabnum-sociaux",
    sponsors: ["dgt"],
    path: CONSOLIDATE,
    pitch: "Répondre aux questions des salariés et des employeurs sur le droit du travail, en langage simple.",
    problem:
      "Les salariés des petites entreprises et leurs employeurs ne trouvent pas de réponse fiable à leurs questions, faute de comprendre le code du travail et les conventions collectives.",
    solution: "Des fiches et des simulateurs (préavis, indemnités) qui tiennent compte de la convention collective applicable.",
    market: { label: "salariés et employeurs de TPE-PME", size: 12_000_000, reach: 0.07 },
    useful: percent("Part des visiteurs déclarant avoir trouvé leur réponse", 48, 74),
  },
  {
    slug: "contrat-apprentissage",
    name: "Contrat d'apprentissage en ligne",
    incubator: "fabnum-sociaux",
    sponsors: ["dgefp"],
    path: [...BUILD, "transfere"],
    receiver: "la DGEFP",
    pitch: "Permettre aux employeurs de remplir et signer un contrat d'apprentissage en ligne en dix minutes.",
    problem: "Le formulaire CERFA du contrat d'apprentissage est rempli à la main ; un contrat sur trois revient pour une erreur.",
    solution: "Un formulaire guidé qui vérifie les règles de rémunération et transmet le contrat à l'opérateur de compétences.",
    market: { label: "employeurs d'apprentis", size: 500_000, reach: 0.25 },
    useful: percent("Part des contrats acceptés sans correction", 65, 95),
  },
  {
    slug: "aidants-numeriques",
    name: "Aidants Sécurisés",
    incubator: "fabnum-sociaux",
    sponsors: ["dgcs", "anct"],
    path: GROW,
    pitch: "Sécuriser l'accompagnement des usagers par les aidants numériques qui font des démarches à leur place.",
    problem:
      "Des aidants professionnels font des démarches en ligne pour des usagers en conservant leurs mots de passe, sans cadre juridique ni traçabilité.",
    solution: "Un mandat numérique qui permet à un aidant habilité d'agir pour un usager, tracé et limité dans le temps.",
    market: { label: "aidants professionnels habilités", size: 30_000, reach: 0.6 },
    useful: percent("Part des démarches faites avec un mandat tracé", 10, 70),
  },
  {
    slug: "place-en-creche",
    name: "Place en crèche",
    incubator: "fabnum-sociaux",
    sponsors: ["dgcs"],
    path: BUILD,
    pitch: "Aider les familles à trouver un mode d'accueil pour leur jeune enfant près de chez elles.",
    problem: "Les familles font des demandes dans chaque crèche et auprès de chaque assistante maternelle, sans visibilité sur les places libres.",
    solution: "Une demande unique par commune, transmise aux structures et assistantes maternelles disponibles, avec un suivi.",
    market: { label: "familles cherchant un mode d'accueil", size: 700_000, reach: 0.15 },
    useful: delay("Délai moyen pour obtenir une proposition d'accueil", "jours", 120, 45),
  },
  {
    slug: "emploi-handicap",
    name: "Emploi & Handicap",
    incubator: "fabnum-sociaux",
    sponsors: ["dgefp", "france-travail"],
    path: [...BUILD, "abandon"],
    stopReason: "impact",
    pitch: "Faciliter le recrutement de personnes en situation de handicap par les petites entreprises.",
    problem: "Les PME ne savent pas quelles aides mobiliser pour recruter une personne en situation de handicap et y renoncent.",
    solution: "Un simulateur d'aides et une mise en relation avec les conseillers spécialisés.",
    market: { label: "PME qui recrutent", size: 200_000, reach: 0.05 },
    useful: percent("Part des simulations suivies d'un contact", 5, 20),
  },
  {
    slug: "veille-hebergement",
    name: "Veille Hébergement",
    incubator: "fabnum-sociaux",
    sponsors: ["dgcs"],
    path: INV_STOP,
    pitch: "Donner aux écoutants du 115 une vue en temps réel des places d'hébergement d'urgence.",
    problem: "Les écoutants du 115 appellent les centres un par un pour trouver une place disponible.",
    solution: "Investigation : le système d'information de l'hébergement d'urgence en cours de refonte couvrira ce besoin.",
    market: { label: "écoutants du 115 et centres d'hébergement", size: 3_000, reach: 0.8 },
    useful: delay("Temps moyen pour trouver une place", "minutes", 40, 10),
  },
  // ---------- La Fabrique numérique du ministère de l'Intérieur ----------
  {
    slug: "rdv-prefecture",
    name: "Rendez-vous Préfecture",
    incubator: "fabnum-interieur",
    sponsors: ["dgef"],
    path: GROW,
    pitch: "Permettre aux étrangers de prendre rendez-vous en préfecture sans passer par des revendeurs de créneaux.",
    problem:
      "Les créneaux de rendez-vous en préfecture sont captés par des robots puis revendus ; des étrangers en situation régulière perdent leurs droits faute de rendez-vous.",
    solution: "Une file d'attente équitable avec vérification de l'identité et attribution des créneaux par ordre d'inscription.",
    market: { label: "usagers étrangers des préfectures", size: 1_500_000, reach: 0.3 },
    useful: delay("Délai médian pour obtenir un rendez-vous", "jours", 75, 12),
  },
  {
    slug: "plan-communal-sauvegarde",
    name: "Plan communal de sauvegarde",
    incubator: "fabnum-interieur",
    sponsors: ["dgscgc"],
    path: BUILD,
    pitch: "Aider les maires à rédiger et tenir à jour leur plan communal de sauvegarde.",
    problem:
      "Une commune sur trois soumise à l'obligation n'a pas de plan communal de sauvegarde à jour ; en cas d'inondation, les élus improvisent.",
    solution: "Un plan pré-rempli à partir des risques connus de la commune, des annuaires de crise et des exercices guidés.",
    market: { label: "communes soumises à l'obligation", size: 18_000, reach: 0.4 },
    useful: percent("Part des communes utilisatrices avec un plan à jour", 35, 80),
  },
  {
    slug: "main-courante",
    name: "Main courante en ligne",
    incubator: "fabnum-interieur",
    sponsors: ["dgpn"],
    path: INV_STOP,
    pitch: "Déposer une main courante en ligne pour des faits sans urgence.",
    problem: "Les usagers attendent des heures au commissariat pour déposer une main courante.",
    solution: "Investigation : le besoin sera couvert par l'extension de la plainte en ligne prévue par le ministère.",
    market: { label: "usagers déposant une main courante", size: 1_000_000, reach: 0.2 },
    useful: delay("Temps d'attente au commissariat", "minutes", 90, 20),
  },
  {
    slug: "suivi-titre-sejour",
    name: "Suivi Titre de séjour",
    incubator: "fabnum-interieur",
    sponsors: ["dgef"],
    path: BUILD,
    pitch: "Suivre l'avancement de sa demande de titre de séjour sans appeler la préfecture.",
    problem: "Les préfectures reçoivent des milliers d'appels et de courriels pour savoir où en est une demande.",
    solution: "Un suivi en ligne des étapes de la demande, avec des notifications à chaque changement.",
    market: { label: "demandeurs de titre de séjour", size: 900_000, reach: 0.3 },
    useful: percent("Baisse des sollicitations des préfectures", 0, 40),
  },
  {
    slug: "associations-facile",
    name: "Associations Facile",
    incubator: "fabnum-interieur",
    sponsors: ["dlpaj"],
    path: INV,
    pitch: "Simplifier la déclaration et la mise à jour des associations.",
    problem: "Un dossier de modification d'association sur trois est incomplet et revient au demandeur.",
    solution: "Investigation en cours avec deux greffes des associations.",
    market: { label: "dirigeants d'associations", size: 1_500_000, reach: 0.1 },
    useful: percent("Part des dossiers complets au premier envoi", 65, 95),
  },
  {
    slug: "pompiers-volontaires",
    name: "Engagement Pompier",
    incubator: "fabnum-interieur",
    sponsors: ["dgscgc"],
    path: GROW,
    pitch: "Aider les services d'incendie et de secours à recruter et fidéliser des sapeurs-pompiers volontaires.",
    problem: "Le nombre de sapeurs-pompiers volontaires baisse alors que les interventions augmentent ; les candidats abandonnent pendant un recrutement trop long.",
    solution: "Un parcours de candidature en ligne et un suivi du recrutement partagé entre centres et services départementaux.",
    market: { label: "candidats et recruteurs des SDIS", size: 80_000, reach: 0.35 },
    useful: delay("Durée moyenne du recrutement", "jours", 210, 90),
  },
  // ---------- La Fabrique numérique des Finances publiques ----------
  {
    slug: "taxe-fonciere-expliquee",
    name: "Taxe foncière expliquée",
    incubator: "fabrique-dgfip",
    sponsors: ["dgfip"],
    path: BUILD,
    pitch: "Expliquer à chaque propriétaire le calcul de sa taxe foncière.",
    problem: "L'augmentation des taxes foncières génère des centaines de milliers de questions aux centres des finances publiques.",
    solution: "Une explication personnalisée, ligne par ligne, des bases et des taux votés par chaque collectivité.",
    market: { label: "propriétaires redevables", size: 5_000_000, reach: 0.05 },
    useful: percent("Baisse des questions sur la taxe foncière", 0, 25),
  },
  {
    slug: "assistant-cadastre",
    name: "Assistant Cadastre",
    incubator: "fabrique-dgfip",
    sponsors: ["dgfip"],
    path: CONSOLIDATE,
    pitch: "Permettre aux mairies et géomètres de signaler une anomalie du plan cadastral et de suivre sa correction.",
    problem: "Les anomalies du cadastre sont signalées par courrier ; leur correction prend plus d'un an et bloque des projets.",
    solution: "Un signalement géolocalisé, instruit directement par les services du cadastre.",
    market: { label: "mairies et géomètres", size: 40_000, reach: 0.35 },
    useful: delay("Délai moyen de correction d'une anomalie", "jours", 380, 90),
  },
  {
    slug: "ciblage-controle",
    name: "Signaux Faibles Fiscaux",
    incubator: "fabrique-dgfip",
    sponsors: ["dgfip"],
    path: [...GROW, "abandon"],
    stopReason: "impact",
    pitch: "Mieux cibler les contrôles fiscaux grâce à des signaux d'alerte partagés entre services.",
    problem: "Les contrôles ciblés à partir des seules déclarations ont un rendement faible ; les signaux utiles sont dispersés entre services.",
    solution: "Un score de risque partagé, expliqué à l'agent, à partir des données déjà détenues par l'administration.",
    market: { label: "agents du contrôle fiscal", size: 10_000, reach: 0.3 },
    useful: percent("Part des contrôles ciblés aboutissant à un redressement", 45, 60),
  },
  {
    slug: "paiement-fournisseurs",
    name: "Où en est ma facture ?",
    incubator: "fabrique-dgfip",
    sponsors: ["dgfip", "dge"],
    path: GROW,
    pitch: "Informer les PME de l'état de paiement de leurs factures adressées à l'État.",
    problem: "Les retards de paiement de l'État mettent en difficulté les petites entreprises, qui ne savent pas où en est leur facture.",
    solution: "Un suivi de la facture de la réception au paiement, alimenté par Chorus Pro, avec le contact du service concerné.",
    market: { label: "entreprises fournisseurs de l'État", size: 200_000, reach: 0.3 },
    useful: delay("Délai global de paiement", "jours", 38, 22),
  },
  {
    slug: "succession-simplifiee",
    name: "Succession simplifiée",
    incubator: "fabrique-dgfip",
    sponsors: ["dgfip"],
    path: INV,
    pitch: "Guider les héritiers dans les démarches fiscales d'une succession.",
    problem: "Les héritiers de petites successions, sans notaire, ne savent pas quelles déclarations faire ni dans quels délais.",
    solution: "Investigation en cours auprès de trois services de l'enregistrement.",
    market: { label: "héritiers de successions sans notaire", size: 200_000, reach: 0.2 },
    useful: percent("Part des déclarations déposées dans les délais", 55, 85),
  },
  // ---------- L'Atelier numérique du ministère de la Culture ----------
  {
    slug: "patrimoine-alerte",
    name: "Patrimoine en alerte",
    incubator: "atelier-culture",
    coIncubators: ["incubateur-territoires"],
    sponsors: ["dgpat"],
    path: BUILD,
    pitch: "Signaler et suivre l'état sanitaire des monuments historiques.",
    problem:
      "Les conservateurs découvrent trop tard les dégradations des monuments protégés appartenant à de petites communes ; les travaux d'urgence coûtent alors dix fois plus.",
    solution: "Un constat d'état sur mobile, partagé entre propriétaires, mairies et conservations régionales.",
    market: { label: "propriétaires et gestionnaires de monuments", size: 45_000, reach: 0.3 },
    useful: percent("Part des monuments avec un constat de moins de cinq ans", 20, 60),
  },
  {
    slug: "residences-artistes",
    name: "Résidences d'artistes",
    incubator: "atelier-culture",
    sponsors: ["dgca"],
    path: BUILD,
    pitch: "Mettre en relation artistes et lieux qui accueillent des résidences de création.",
    problem: "Les appels à résidence sont dispersés sur des centaines de sites ; les lieux reçoivent trop de candidatures hors sujet.",
    solution: "Une plateforme unique des appels à résidence, avec des critères précis et une candidature simplifiée.",
    market: { label: "artistes et lieux de résidence", size: 120_000, reach: 0.2 },
    useful: percent("Part des candidatures retenues en présélection", 8, 25),
  },
  {
    slug: "horaires-bibliotheques",
    name: "Bibliothèques ouvertes",
    incubator: "atelier-culture",
    sponsors: [],
    path: INV_STOP,
    pitch: "Publier les horaires et services des bibliothèques pour accompagner l'extension de leurs heures d'ouverture.",
    problem: "Les horaires des bibliothèques sont mal connus, surtout le soir et le dimanche.",
    solution: "Investigation : les données existent déjà dans la base nationale des équipements culturels ; pas de service à construire.",
    market: { label: "usagers des bibliothèques", size: 8_000_000, reach: 0.02 },
    useful: percent("Part des bibliothèques aux horaires publiés", 40, 90),
  },
  {
    slug: "archives-famille",
    name: "Archives en famille",
    incubator: "atelier-culture",
    sponsors: ["siaf"],
    path: [...CONSOLIDATE, "transfere"],
    receiver: "le SIAF",
    pitch: "Retrouver en ligne les archives utiles à une démarche familiale ou à une recherche généalogique.",
    problem: "Les archives numérisées sont réparties entre cent services départementaux aux moteurs de recherche différents.",
    solution: "Un moteur de recherche commun aux archives numérisées, avec une demande de copie en un clic.",
    market: { label: "chercheurs et familles", size: 2_500_000, reach: 0.12 },
    useful: percent("Part des recherches aboutissant à un document", 22, 51),
  },
  {
    slug: "mecenat-patrimoine",
    name: "Mécénat Patrimoine",
    incubator: "atelier-culture",
    sponsors: ["dgpat"],
    path: INV,
    pitch: "Aider les petites communes à lever des dons pour restaurer leur patrimoine.",
    problem: "Les petites communes ne savent pas organiser une collecte de dons pour restaurer leur église ou leur lavoir.",
    solution: "Investigation en cours avec quatre communes et la Fondation du patrimoine.",
    market: { label: "communes propriétaires de patrimoine", size: 20_000, reach: 0.15 },
    useful: percent("Part des projets atteignant leur objectif de collecte", 20, 60),
  },
];

export interface PersonaSeed {
  email: string;
  name: string;
  feminine: boolean;
}

/** The accounts a demo sign-in offers; their e-mails are stable on purpose. */
export const PERSONAS = {
  admin: { email: `admin@${DEMO_EMAIL_DOMAIN}`, name: "Sophie Lambert", feminine: true },
  incubatorAdmin: { email: `responsable-incubateur@${DEMO_EMAIL_DOMAIN}`, name: "Julien Moreau", feminine: false },
  coach: { email: `coach@${DEMO_EMAIL_DOMAIN}`, name: "Nadia Benali", feminine: true },
  intrapreneur: { email: `intrapreneure@${DEMO_EMAIL_DOMAIN}`, name: "Élodie Garnier", feminine: true },
  committeeMember: { email: `membre-comite@${DEMO_EMAIL_DOMAIN}`, name: "Thomas Roux", feminine: false },
  investor: { email: `investisseur@${DEMO_EMAIL_DOMAIN}`, name: "Marc Lefebvre", feminine: false },
} as const satisfies Record<string, PersonaSeed>;

/** Where the personas work: one incubator, one of its products, one of its funders. */
export const PERSONA_SCOPE = { incubator: "fabnum-ecologie", product: "renov-diag", organisation: "ademe" } as const;

export const FEMALE_FIRST_NAMES = [
  "Alice", "Amandine", "Anaïs", "Camille", "Caroline", "Chloé", "Claire", "Émilie", "Fanny", "Fatou", "Hélène",
  "Inès", "Julie", "Karima", "Laure", "Léa", "Lina", "Lucie", "Manon", "Marine", "Mathilde", "Nathalie",
  "Pauline", "Sarah", "Sonia", "Yasmine", "Zoé", "Agathe", "Bérénice", "Margaux",
];
export const MALE_FIRST_NAMES = [
  "Adrien", "Antoine", "Arnaud", "Bastien", "Benoît", "Clément", "Damien", "David", "Farid", "François",
  "Guillaume", "Hugo", "Jérôme", "Karim", "Louis", "Lucas", "Mathieu", "Maxime", "Mehdi", "Nicolas",
  "Olivier", "Paul", "Pierre", "Quentin", "Raphaël", "Romain", "Samuel", "Simon", "Théo", "Vincent",
];
export const LAST_NAMES = [
  "Martin", "Bernard", "Dubois", "Durand", "Lefèvre", "Leroy", "Moreau", "Simon", "Laurent", "Michel",
  "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier", "Morel", "Girard", "André", "Mercier",
  "Dupont", "Lambert", "Bonnet", "François", "Martinez", "Legrand", "Garnier", "Faure", "Rousseau", "Blanc",
  "Guerin", "Muller", "Henry", "Roussel", "Nicolas", "Perrin", "Morin", "Mathieu", "Clément", "Gauthier",
  "Dumont", "Lopez", "Fontaine", "Chevalier", "Robin", "Masson", "Sanchez", "Nguyen", "Boyer", "Denis",
  "Lemaire", "Duval", "Joly", "Gautier", "Roger", "Roche", "Roy", "Noël", "Meyer", "Lucas", "Benali", "Diallo",
  "Traoré", "Le Gall", "Kerbrat", "Haddad", "Rahmani", "Da Silva", "Ferreira", "Leblanc",
];

/** Team titles, feminine and masculine, by the phase from which a product needs them. */
export const TEAM_TITLES: ReadonlyArray<{ from: Phase; feminine: string; masculine: string }> = [
  { from: "investigation", feminine: "designer", masculine: "designer" },
  { from: "construction", feminine: "développeuse", masculine: "développeur" },
  { from: "construction", feminine: "chargée de déploiement", masculine: "chargé de déploiement" },
  { from: "acceleration", feminine: "développeuse", masculine: "développeur" },
  { from: "acceleration", feminine: "responsable produit", masculine: "responsable produit" },
  { from: "acceleration", feminine: "analyste de données", masculine: "analyste de données" },
];

export const CONDITIONS: readonly string[] = [
  "Mesurer l'usage récurrent (utilisateurs revenus à trois mois) et le présenter au prochain comité.",
  "Réaliser l'audit d'accessibilité RGAA et publier la déclaration d'accessibilité.",
  "Obtenir l'homologation de sécurité dans MonServiceSécurisé.",
  "Publier la page /stats avec les indicateurs d'impact à jour.",
  "Formaliser par écrit l'engagement du sponsor sur le cofinancement de l'année prochaine.",
  "Présenter un plan de déploiement dans deux régions supplémentaires.",
  "Réduire le coût par usage d'au moins 20 % d'ici le prochain comité.",
  "Identifier l'administration ou l'opérateur qui reprendra le service après l'incubation.",
  "Conduire dix entretiens avec des usagers qui ont abandonné leur démarche.",
  "Publier le code source sous licence libre.",
];

export const VOTE_COMMENTS: readonly string[] = [
  "Les résultats sont là, mais le coût par usage doit encore baisser.",
  "Je souhaite un point d'étape sur le déploiement avant le prochain comité.",
  "D'accord sur le fond ; attention à la dépendance à un seul sponsor.",
  "Les objectifs fixés au dernier comité sont atteints.",
  "Impact encore difficile à mesurer : il faut des données de cohorte.",
  "Décision cohérente avec la trajectoire présentée.",
];

/** Guests invited to some sessions, by name only (they have no account). */
export const GUESTS: readonly string[] = [
  "Représentante de la DINUM (programme beta.gouv.fr)",
  "Contrôleur budgétaire et comptable ministériel",
  "Déléguée ministérielle à l'accessibilité",
  "Responsable de la sécurité des systèmes d'information",
];
