/**
 * One history-mode router for the three areas. Every path under an area's prefix that no route
 * claims renders that area's 404 page; everything else falls to the portal's. The server answers
 * every non-asset path with index.html, so deep links and reloads work.
 */
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import { adminArea } from './areas/admin'
import { portalArea } from './areas/portal'
import { staffArea } from './areas/staff'
import type { Area } from './shell/area'
import AreaLayout from './shell/AreaLayout.vue'
import NotFoundPage from './shell/NotFoundPage.vue'

/** In header order. */
export const AREAS: readonly Area[] = [portalArea, staffArea, adminArea]

function areaRoute(area: Area): RouteRecordRaw {
  return {
    path: area.home,
    component: AreaLayout,
    props: { area, areas: AREAS },
    children: [
      ...area.routes,
      {
        path: ':pathMatch(.*)*',
        name: `${area.id}-not-found`,
        component: NotFoundPage,
        props: { area },
        meta: { titleKey: 'not_found.title' },
      },
    ],
  }
}

export const router = createRouter({
  history: createWebHistory(import.meta.env.BASE_URL),
  // The portal's catch-all must come last: more specific prefixes first.
  routes: [areaRoute(staffArea), areaRoute(adminArea), areaRoute(portalArea)],
  scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
})

