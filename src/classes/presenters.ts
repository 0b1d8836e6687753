import type { ClassResponse } from './classes.schemas.js';
import type { ClassRow } from './classRepository.js';
import type { StudentResponse } from './students.schemas.js';
import type { StudentRow } from './studentRepository.js';

export const toClassResponse = (row: ClassRow): ClassResponse => ({
  id: row.id,
  owner_id: row.owner_id,
  name: row.name,
  course_code: row.course_code,
  course_codes: [row.course_code],
  student_count: row.student_count,
  created_at: row.created_at.toISOString(),
  updated_at: row.updated_at.toISOString(),
});

export const toStudentResponse = (row: StudentRow): StudentResponse => ({
  id: row.id,
  owner_id: row.owner_id,
  first_name: row.first_name,
  last_name: row.last_name,
  legal_full_name: row.legal_full_name,
  full_name: `${row.first_name} ${row.last_name}`,
  email: row.email,
  class_ids: row.class_ids,
  created_at: row.created_at.toISOString(),
  updated_at: row.updated_at.toISOString(),
});
