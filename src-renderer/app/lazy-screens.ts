import { lazyScreen } from './lazy-screen';

// Everything but the login screen comes as its own chunk: a start shows 登录 after loading only what
// the login needs, and the rest arrives when it is first opened (or preloaded, below).

export const Home = lazyScreen(() => import('../features/home/HomeScreen').then((m) => m.HomeScreen));
export const Registration = lazyScreen(() =>
  import('../features/registration/RegistrationScreen').then((m) => m.RegistrationScreen),
);
export const PasswordReset = lazyScreen(() =>
  import('../features/password-reset/PasswordResetScreen').then((m) => m.PasswordResetScreen),
);
export const Settings = lazyScreen(() =>
  import('../features/settings/SettingsPage').then((m) => m.SettingsPage),
);

/** Loads every screen's code now: component tests, and a page that has shown its login screen. */
export function preloadLazyScreens(): Promise<void> {
  return Promise.all([Home, Registration, PasswordReset, Settings].map((s) => s.preload())).then(
    () => undefined,
  );
}
