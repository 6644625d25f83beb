export {
  ROLES,
  scopeCovers,
  type Place,
  type Role,
  type SignedInUser,
  type TerritoryScope,
} from './scope';
export { FREE_FAILURES, lockoutAfter_s, loginKey } from './credentials';
export {
  EXACT_EVERYWHERE,
  EXACT_NOWHERE,
  exactCovers,
  exactRuleOf,
  seesAnyExact,
  type ExactPlace,
  type ExactRule,
} from './visibility';
