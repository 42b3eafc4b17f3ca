import type { Area } from '../../shell/area'
import { delegationNav, delegationRoutes } from '../../modules/delegation/routes'

/** 政务服务门户: the public and resident/enterprise portal at `/`. */
export const portalArea: Area = {
  id: 'portal',
  nameKey: 'area.portal',
  home: '/',
  nav: [{ to: '/', labelKey: 'nav.portal_home' }, ...delegationNav],
  routes: [
    {
      path: '',
      name: 'portal-home',
      component: () => import('./PortalHome.vue'),
      meta: { titleKey: 'portal.title' },
    },
    ...delegationRoutes,
  ],
}
