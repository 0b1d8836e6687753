// Classes: the list, "new class", and the open class with its roster and CSV import report.
import { createClass, importRoster } from '../actions.js';
import { byId, fillSelect, h, replace } from '../dom.js';
import { classHref } from '../routes.js';
import { view } from '../store.js';

export const courseOptions = (courses) => courses.map((c) => ({ value: c.course_code, label: `${c.course_code} — ${c.name}` }));

export function mountClasses() {
  byId('create-class').addEventListener('submit', (e) => {
    e.preventDefault();
    const name = byId('class-name');
    void createClass(name.value, byId('class-course').value).then(() => {
      name.value = '';
    });
  });
  byId('import-roster').addEventListener('submit', (e) => {
    e.preventDefault();
    const input = byId('roster-file');
    const file = input.files?.[0];
    if (file) void importRoster(file).then(() => {
      input.value = '';
    });
  });

  view((ctx) => ctx.courses, (courses) => fillSelect(byId('class-course'), courseOptions(courses)));
  view((ctx) => ctx.classes, drawClassList);
  view((ctx) => ({ klass: ctx.classes.find((c) => c.id === ctx.classId), classId: ctx.classId, view: ctx.view }), ({ klass, classId, view: shown }) => {
    byId('class-panel').hidden = !classId || shown !== 'class';
    byId('class-title').textContent = klass ? `Class ${klass.name} (${klass.course_code})` : 'Class';
  });
  view((ctx) => ctx.importReport, (report) => replace(byId('import-report'), report && importReport(report)));
  view((ctx) => ctx.roster, (roster) => replace(byId('roster'), roster && rosterTable(roster.students)));
}

function drawClassList(classes) {
  replace(byId('class-list'), classes.length === 0
    ? h('p', { class: 'empty' }, 'No classes yet: create one below.')
    : h('ul', { class: 'cards', 'aria-label': 'Classes' }, classes.map((c) => h('li', { class: 'card', 'data-class-id': c.id },
      h('p', { class: 'card-title' }, h('a', { href: classHref(c.id), id: `open-class-${c.id}` }, c.name)),
      h('p', { class: 'card-meta' }, `${c.course_code} · ${c.student_count} student${c.student_count === 1 ? '' : 's'}`),
    ))));
}

const ROW_STATUS = { created: 'Added', already_present: 'Already there', rejected: 'Rejected' };

function importReport(report) {
  const { rows, created, already_present, rejected } = report.summary;
  return h('section', { class: 'report', 'aria-labelledby': 'import-report-title' },
    h('h3', { id: 'import-report-title' }, `Import report: ${report.filename}`),
    h('p', { id: 'import-summary' }, `${rows} rows: ${created} added, ${already_present} already there, ${rejected} rejected.`),
    report.ignored_columns.length > 0 && h('p', null, `Ignored columns: ${report.ignored_columns.join(', ')}`),
    h('table', null,
      h('thead', null, h('tr', null, ['Line', 'Result', 'Name', 'E-mail', 'Why'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', null, report.rows.map((r) => h('tr', { class: `row-${r.status}` },
        h('td', null, String(r.line)),
        h('td', null, h('span', { class: `tag tag-${r.status}` }, ROW_STATUS[r.status] ?? r.status)),
        h('td', null, [r.first_name, r.last_name].filter(Boolean).join(' ') || '—'),
        h('td', null, r.email ?? '—'),
        h('td', null, r.reason ?? ''),
      )))));
}

function rosterTable(students) {
  if (students.length === 0) return h('p', { class: 'empty' }, 'No students yet: import a roster CSV above.');
  return h('table', { id: 'roster-table' },
    h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Name'), h('th', { scope: 'col' }, 'E-mail'))),
    h('tbody', null, students.map((s) => h('tr', null, h('td', null, s.full_legal_name || `${s.first_name} ${s.last_name}`), h('td', null, s.email ?? '—')))));
}
