export {
  ROLES,
  scopeCovers,
  type Place,
  type Role,
  type SignedInUser,
  type TerritoryScope,
} from './scope';
export { FREE_FAILURES, lockoutAfter_s, loginKey } from './credentials';
export { seesExactChildminderFigures } from './visibility';
