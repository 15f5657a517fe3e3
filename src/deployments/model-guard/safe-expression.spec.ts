import { unsafeExpression, unsafeJuelText } from './safe-expression';

describe('the expression rule', () => {
  describe('JUEL in a model', () => {
    it.each([
      '${intakeId}',
      '${triageLevel == "major"}',
      "${not empty handlingResult && resolved}",
      '${amount * 2 >= 100 || overdue eq true}',
      '${(days + 3) mod 7 != 0 ? "a" : \'b\'}',
      '${!approved}',
      'P${days}D',
      '研判：${title}',
      'plain text without expressions',
    ])('allows %s', (text) => {
      expect(unsafeJuelText(text)).toBeNull();
    });

    it.each([
      ['${execution.getProcessEngineServices()}', 'execution'],
      ['${"".getClass()}', '.getClass'],
      ['${Runtime.getRuntime().exec("id")}', 'Runtime'],
      ['${runtimeService}', 'runtimeService'],
      ['${task.assignee}', 'task'],
      ['${order.customer}', '.customer'],
      ['${items[0]}', '[0]'],
      ['${currentUser()}', 'currentUser'],
      ['${fn:concat(a, b)}', 'concat'],
      ['${("x")("y")}', 'calls'],
      ['${x = 1}', '= 1'],
      ['${a; b}', ';'],
      ['${y -> y}', '->'],
      ['${a} and ${b.c}', '.c'],
      ['${never closed', 'closed'],
      ['#{environment}', 'environment'],
      ['${applicationContext}', 'applicationContext'],
      ["${'unterminated}", 'closed'],
    ])('refuses %s, saying why (%s)', (text, named) => {
      const reason = unsafeJuelText(text);
      expect(reason).not.toBeNull();
      expect(`${reason?.en} ${reason?.zh}`).toContain(named);
    });
  });

  describe('FEEL in a decision table', () => {
    it.each(['> 100', '[100..1000]', '"hotline","ai-alert"', '-', 'not("x")', 'date("2026-01-01")', 'date and time("2026-01-01T00:00:00")', 'if area > 10 then "major" else "routine"', 'area', '? > 3'])('allows %s', (text) => {
      expect(unsafeExpression(text, 'feel')).toBeNull();
    });

    it.each(['execution.processEngine', 'function(x) external { java: { class: "java.lang.Runtime" } }', 'getRuntime()', 'System', 'a.b'])('refuses %s', (text) => {
      expect(unsafeExpression(text, 'feel')).not.toBeNull();
    });
  });
});
