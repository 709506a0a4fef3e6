/** Skills are typed comma-separated: trimmed, blanks dropped, each once, in order. */
export function parseSkills(text: string): string[] {
  return [
    ...new Set(
      text
        .split(',')
        .map((skill) => skill.trim())
        .filter((skill) => skill !== ''),
    ),
  ]
}

export function formatSkills(skills: readonly string[]): string {
  return skills.join(', ')
}
