export {
  ROLES,
  scopeCovers,
  type Place,
  type Role,
  type SignedInUser,
  type TerritoryScope,
} from './scope';
