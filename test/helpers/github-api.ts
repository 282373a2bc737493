// Moved to runner/ (what runs the action as the runner does, shared with the demo, the bench and npm run try).
export * from '../../runner/github-api.ts'
