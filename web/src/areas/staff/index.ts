import type { Area } from '../../shell/area'

/** 工作人员工作台: the staff workbench at `/staff`. */
export const staffArea: Area = {
  id: 'staff',
  nameKey: 'area.staff',
  home: '/staff',
  nav: [{ to: '/staff', labelKey: 'nav.staff_home' }],
  routes: [
    {
      path: '',
      name: 'staff-home',
      component: () => import('./StaffHome.vue'),
      meta: { titleKey: 'staff.title' },
    },
  ],
}
