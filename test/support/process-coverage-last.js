// The stack specs run in one fixed order, by path, so a run on a clean clone and a rerun after a failure meet the
// same data (jest's default order follows the durations and failures it cached); the process-coverage report runs
// last, as it reads what all the others made the engine do.
const Sequencer = require('@jest/test-sequencer').default;

const LAST = /[\\/]test[\\/]report[\\/]/;

class ProcessCoverageLast extends Sequencer {
  sort(tests) {
    const byPath = [...tests].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return [...byPath.filter((t) => !LAST.test(t.path)), ...byPath.filter((t) => LAST.test(t.path))];
  }
}

module.exports = ProcessCoverageLast;
