import { createApp } from 'vue'
import App from './App.vue'
import { applyInitialLocale } from './i18n'
import { router } from './router'
import './shell/base.css'
import './shell/console.css'
import { applyInitialElderlyMode } from './shell/preferences'
import './shell/theme.css'

// Before the first render, so the page never flashes in the wrong language or size.
applyInitialLocale()
applyInitialElderlyMode()

createApp(App).use(router).mount('#app')
