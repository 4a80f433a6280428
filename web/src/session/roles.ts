// What each role starts on: executives see scores and trends, analysts explore, agents
// handle feedback. Every screen stays reachable from the navigation when permitted.
import type { Role } from '../api/types';

export type HomeScreen = 'overview' | 'explorer' | 'inbox';

const HOMES: Record<Role, HomeScreen> = {
  owner: 'overview',
  admin: 'overview',
  viewer: 'overview',
  analyst: 'explorer',
  agent: 'inbox',
};

export function homeFor(role: Role): HomeScreen {
  return HOMES[role];
}
