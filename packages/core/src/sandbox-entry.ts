// `@refmcp/core/sandbox`: the path rules of every server that takes file paths from a model.
export {
  expandHome,
  isWithin,
  type Narrowing,
  NO_DIRECTORIES_NO_ROOTS,
  type PathIntent,
  resolveAllowedDirectories,
  Sandbox,
  type SandboxHints,
} from './sandbox.js';
