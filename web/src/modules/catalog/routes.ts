/**
 * The public catalog pages in the portal area (src/areas/portal/index.ts spreads these): search,
 * the item guide (current or one version), the life-event guide, departments and item lists.
 * The home page's search and entry points are PortalHome's (SearchBox, CatalogEntryPoints).
 */
import type { RouteRecordRaw } from 'vue-router'
import type { NavItem } from '../../shell/area'

export const catalogRoutes: RouteRecordRaw[] = [
  {
    path: 'search',
    name: 'catalog-search',
    component: () => import('./SearchPage.vue'),
    meta: { titleKey: 'catalog.search_title' },
  },
  {
    path: 'items',
    name: 'catalog-items',
    component: () => import('./ItemListPage.vue'),
    meta: { titleKey: 'catalog.items_title' },
  },
  {
    path: 'items/:code',
    name: 'catalog-item',
    component: () => import('./ItemGuidePage.vue'),
    meta: { titleKey: 'catalog.guide_title' },
  },
  {
    path: 'items/:code/versions/:version(\\d+)',
    name: 'catalog-item-version',
    component: () => import('./ItemGuidePage.vue'),
    meta: { titleKey: 'catalog.guide_title' },
  },
  {
    path: 'life-events/:code',
    name: 'catalog-life-event',
    component: () => import('./LifeEventPage.vue'),
    meta: { titleKey: 'catalog.life_event_title' },
  },
  {
    path: 'departments',
    name: 'catalog-departments',
    component: () => import('./DepartmentsPage.vue'),
    meta: { titleKey: 'catalog.departments_title' },
  },
  {
    path: 'departments/:code',
    name: 'catalog-department',
    component: () => import('./DepartmentPage.vue'),
    meta: { titleKey: 'catalog.department_title' },
  },
]

export const catalogNav: NavItem[] = [{ to: '/departments', labelKey: 'catalog.nav_departments' }]
