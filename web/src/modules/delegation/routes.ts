/** The delegation pages in the portal area (src/areas/portal/index.ts spreads these). */
import type { RouteRecordRaw } from 'vue-router'
import type { NavItem } from '../../shell/area'

export const delegationRoutes: RouteRecordRaw[] = [
  {
    path: 'account/acting-for',
    name: 'delegation-acting-for',
    component: () => import('./ActingForPage.vue'),
    meta: { titleKey: 'delegation.acting_title' },
  },
  {
    path: 'account/grants',
    name: 'delegation-my-grants',
    component: () => import('./MyGrantsPage.vue'),
    meta: { titleKey: 'delegation.my_grants_title' },
  },
  {
    path: 'enterprise/agents',
    name: 'delegation-enterprise-agents',
    component: () => import('./EnterpriseAgentsPage.vue'),
    meta: { titleKey: 'delegation.agents_title' },
  },
]

export const delegationNav: NavItem[] = [{ to: '/account/acting-for', labelKey: 'delegation.nav_acting_for' }]
