// The demo's people: French names drawn from the product's stream, addresses on a reserved domain,
// unique across a whole seed run (a second "Julie Martin" becomes julie.martin2@…).
import {
  FEMALE_FIRST_NAMES,
  LAST_NAMES,
  MALE_FIRST_NAMES,
  PEOPLE_EMAIL_DOMAIN,
  type PersonaSeed,
} from "./demo-catalogue.server";
import type { Random } from "./random";

export interface Person {
  id: string;
  name: string;
  email: string;
  feminine: boolean;
}

export interface People {
  /** Someone new, with a name never used for an address in this run. */
  person(rng: Random): Person;
  /** One of the demo sign-in accounts. */
  persona(rng: Random, seed: PersonaSeed): Person;
}

const handle = (text: string) =>
  text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

export function createPeople(): People {
  const used = new Map<string, number>();
  return {
    person(rng) {
      const feminine = rng.chance(0.5);
      const first = rng.pick(feminine ? FEMALE_FIRST_NAMES : MALE_FIRST_NAMES);
      const last = rng.pick(LAST_NAMES);
      const base = `${handle(first)}.${handle(last)}`;
      const seen = (used.get(base) ?? 0) + 1;
      used.set(base, seen);
      const email = `${base}${seen > 1 ? seen : ""}@${PEOPLE_EMAIL_DOMAIN}`;
      return { id: rng.uuid(), name: `${first} ${last}`, email, feminine };
    },
    persona(rng, seed) {
      return { id: rng.uuid(), name: seed.name, email: seed.email, feminine: seed.feminine };
    },
  };
}
