// Runs the process-coverage report after every other stack spec: it reads what they made the engine do.
const Sequencer = require('@jest/test-sequencer').default;

const LAST = /[\\/]test[\\/]report[\\/]/;

class ProcessCoverageLast extends Sequencer {
  async sort(tests) {
    const sorted = await super.sort(tests);
    return [...sorted.filter((t) => !LAST.test(t.path)), ...sorted.filter((t) => LAST.test(t.path))];
  }
}

module.exports = ProcessCoverageLast;
