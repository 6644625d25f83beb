/**
 * Statistical secrecy for childminders: which territories' childminder figures a public view
 * withholds (pure; no I/O). See docs/coverage.md, "Statistical secrecy".
 */
export {
  DEFAULT_SECRECY_THRESHOLD,
  secretAreas,
  type SecrecyArea,
  type SecrecyReason,
} from './secrecy';
