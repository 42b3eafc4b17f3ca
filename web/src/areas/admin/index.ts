import type { Area } from '../../shell/area'

/** 运维控制台: the operator console at `/admin`. */
export const adminArea: Area = {
  id: 'admin',
  nameKey: 'area.admin',
  home: '/admin',
  nav: [{ to: '/admin', labelKey: 'nav.admin_home' }],
  routes: [
    {
      path: '',
      name: 'admin-home',
      component: () => import('./AdminHome.vue'),
      meta: { titleKey: 'admin.title' },
    },
  ],
}
