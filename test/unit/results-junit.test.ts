// JUnit XML as the common tools write it: cases are counted, failures keep their message and place.
import { describe, expect, it } from 'vitest'
import { addJUnit, emptyReport } from '../../src/results/junit.ts'

const CLONE = '/home/daytona/widgets'

function parse(...xmls: string[]) {
  const report = emptyReport()
  for (const xml of xmls) addJUnit(report, xml, CLONE)
  return report
}

describe('JUnit reports', () => {
  it('jest-junit: testsuites > testsuite with file, failure text holding the stack', () => {
    const report = parse(`<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="jest tests" tests="3" failures="1">
  <testsuite name="widget" tests="3" file="src/widget.test.ts">
    <testcase classname="widget adds" name="widget adds" time="0.01"/>
    <testcase classname="widget breaks" name="widget breaks" time="0.01">
      <failure>Error: expect(received).toBe(expected)
    at Object.&lt;anonymous&gt; (${CLONE}/src/widget.test.ts:12:5)
    at node_modules/jest/x.js:1:1</failure>
    </testcase>
    <testcase classname="widget later" name="widget later"><skipped/></testcase>
  </testsuite>
</testsuites>`)
    expect(report).toMatchObject({ passed: 1, failed: 1, skipped: 1, total: 3 })
    expect(report.failures[0]).toMatchObject({ name: 'widget breaks', file: 'src/widget.test.ts', line: 12 })
    expect(report.failures[0].message).toContain('at Object.<anonymous>')
  })

  it('pytest: one testsuite, file and line attributes, error and skipped', () => {
    const report = parse(`<testsuites><testsuite name="pytest" errors="1" failures="1" skipped="1" tests="4">
<testcase classname="tests.test_a" name="test_ok" file="tests/test_a.py" line="3"/>
<testcase classname="tests.test_a" name="test_bad" file="tests/test_a.py" line="7"><failure message="assert 1 == 2">def test_bad(): ...</failure></testcase>
<testcase classname="tests.test_a" name="test_err" file="tests/test_a.py" line="11"><error message="fixture 'db' not found"/></testcase>
<testcase classname="tests.test_a" name="test_skip"><skipped type="pytest.skip" message="later"/></testcase>
</testsuite></testsuites>`)
    expect(report).toMatchObject({ passed: 1, failed: 2, skipped: 1, total: 4 })
    expect(report.failures.map((f) => [f.name, f.file, f.line])).toEqual([
      ['tests.test_a › test_bad', 'tests/test_a.py', 8],
      ['tests.test_a › test_err', 'tests/test_a.py', 12],
    ])
    expect(report.failures[0].message).toMatch(/^assert 1 == 2\ndef test_bad/)
  })

  it('go-junit-report and surefire: a bare testsuite root, places only in the message', () => {
    const report = parse(
      `<testsuite name="example.com/widgets" tests="2"><testcase classname="widgets" name="TestAdd"/>
<testcase classname="widgets" name="TestSub"><failure message="Failed" type="">    sub_test.go:9: got 1, want 2</failure></testcase></testsuite>`,
      `<testsuite name="com.acme.WidgetTest" tests="1" failures="1"><testcase name="breaks" classname="com.acme.WidgetTest">
<failure message="expected:&lt;1&gt; but was:&lt;2&gt;" type="org.opentest4j.AssertionFailedError">at com.acme.WidgetTest.breaks(WidgetTest.java:21)</failure></testcase></testsuite>`,
    )
    expect(report).toMatchObject({ passed: 1, failed: 2, skipped: 0, total: 3 })
    expect(report.failures[0]).toMatchObject({ name: 'widgets › TestSub', file: 'sub_test.go', line: 9 })
    expect(report.failures[1].message).toContain('expected:<1> but was:<2>')
    expect(report.failures[1]).toMatchObject({ file: 'WidgetTest.java', line: 21 })
  })

  it('refuses what is not XML, and places outside the clone', () => {
    expect(() => parse('<testsuite><testcase></testsuite>')).toThrow()
    const report = parse(
      `<testsuite><testcase name="x" file="/etc/passwd" line="1"><failure message="boom"/></testcase></testsuite>`,
    )
    expect(report.failures[0].file).toBeUndefined()
  })

  it('does not expand a billion laughs', () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE t [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">]>
<testsuite><testcase name="x"><failure message="&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;"/></testcase></testsuite>`
    let message = ''
    try {
      message = parse(bomb).failures[0]?.message ?? ''
    } catch {
      // refusing the report is fine too
    }
    expect(message.length).toBeLessThan(10_000)
  })
})
