/**
 * Jest transform for the ES-module-only packages specs load (bpmn-moddle, dmn-moddle and what they import,
 * bpmnlint's utils): plain TypeScript transpilation to CommonJS. Node requires these natively; jest's runtime
 * cannot. Not ts-jest: it keeps one compiler configuration per project, so a second entry with allowJs is ignored.
 */
const { createHash } = require('node:crypto');
const ts = require('typescript');

const compilerOptions = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, allowJs: true, esModuleInterop: true, sourceMap: false };
const esModulePackages = ['bpmn-moddle', 'dmn-moddle', 'moddle', 'moddle-xml', 'saxen', 'min-dash', 'bpmnlint-utils'];

module.exports = {
  process(source, path) {
    return { code: ts.transpileModule(source, { fileName: path, compilerOptions }).outputText };
  },
  getCacheKey(source, path) {
    return createHash('sha256').update(`${ts.version}\0${path}\0${source}`).digest('hex');
  },
  /** For a jest config: `transform` and `transformIgnorePatterns` entries that route those packages here. */
  jestConfig: (rootDir) => ({
    transform: { '^.+\\.js$': `${rootDir}/test/support/es-module-transform.js` },
    transformIgnorePatterns: [`/node_modules/(?!(${esModulePackages.join('|')})/)`],
  }),
};
