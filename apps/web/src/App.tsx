import { lazy, Suspense, useEffect } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { App as AntApp, ConfigProvider } from 'antd';
import zh_CN from 'antd/es/locale/zh_CN';
import en_US from 'antd/es/locale/en_US';
import { I18nProvider, useI18n } from './i18n/i18n.tsx';
import { AuthProvider, useAuth } from './auth/auth.tsx';
import { allowedRoutes, APP_ROUTES, type AppRoute } from './routes.tsx';
import { AppLayout } from './layout/AppLayout.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { NotFound } from './pages/NotFound.tsx';
import { NoPermission } from './pages/NoPermission.tsx';
import { FullPageSpin } from './components/FullPageSpin.tsx';
import type { ReactNode } from 'react';

/** The party's page behind the officer's QR code: public, outside the signed-in layout. */
const ConfirmPartyPage = lazy(() => import('./pages/confirm/ConfirmPartyPage.tsx'));
/** 当事人门户 and 行政执法公示: public pages for phones, outside the signed-in layout. */
const PortalPage = lazy(() => import('./pages/portal/PortalPage.tsx'));
const CitizenPortalPage = lazy(() => import('./pages/portal/CitizenPortalPage.tsx'));
const PublicDisclosurePage = lazy(() => import('./pages/disclosure/PublicDisclosurePage.tsx'));
const PublicDigestsPage = lazy(() => import('./pages/data-sharing/PublicDigestsPage.tsx'));
/** 文书核验: the QR code on every issued document leads here (public). */
const VerifyPage = lazy(() => import('./pages/verify/VerifyPage.tsx'));
/** /verify without a document: how to verify one (public, no staff API). */
const VerifyStartPage = lazy(() => import('./pages/verify/VerifyStartPage.tsx'));
const SandboxPayPage = lazy(() => import('./pages/sandbox-pay/SandboxPayPage.tsx'));
/** 一店一码: the QR code on a subject's door leads here (public, for phones). */
const PublicSubjectPage = lazy(() => import('./pages/subjects/PublicSubjectPage.tsx'));
/** 上海摊服务地图: approved stall points for passers-by (public, for phones). */
const StallMapPage = lazy(() => import('./pages/stalls/StallMapPage.tsx'));
/** 双随机 公开: the public record of a draw, re-checked in the browser (no login). */
const PublicDrawPage = lazy(() => import('./pages/random-inspections/PublicDrawPage.tsx'));

function RequireAuth({ children }: { children: ReactNode }) {
  const { me, ensure } = useAuth();
  const location = useLocation();
  useEffect(ensure, [ensure]);
  if (me === undefined) return <FullPageSpin />;
  if (me === null) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return children;
}

function Home() {
  const { can } = useAuth();
  const first = allowedRoutes(can)[0];
  return <Navigate to={first ? `/${first.path}` : '/settings'} replace />;
}

function RoutePage({ route, children }: { route: AppRoute; children: ReactNode }) {
  const { can } = useAuth();
  // A page of the console that his roles do not open: he is told what he lacks (the API refuses regardless).
  if (route.permission && !can(route.permission) && !(route.orPermission && can(route.orPermission)))
    return <NoPermission permission={route.permission} pageKey={route.labelKey} />;
  return <Suspense fallback={<FullPageSpin />}>{children}</Suspense>;
}

function Localized() {
  const { lang } = useI18n();
  return (
    <ConfigProvider locale={lang === 'zh-CN' ? zh_CN : en_US} theme={{ token: { colorPrimary: '#1659c7', borderRadius: 4 } }}>
      <AntApp>
        <AuthProvider>
          <BrowserRouter>
            <Routes>
              <Route path="/login" element={<LoginPage />} />
              <Route
                path="/sandbox-pay/:id"
                element={
                  <Suspense fallback={<FullPageSpin />}>
                    <SandboxPayPage />
                  </Suspense>
                }
              />
              <Route
                path="/s/:code"
                element={
                  <Suspense fallback={<FullPageSpin />}>
                    <PublicSubjectPage />
                  </Suspense>
                }
              />
              <Route
                path="/draws/:planId"
                element={
                  <Suspense fallback={<FullPageSpin />}>
                    <PublicDrawPage />
                  </Suspense>
                }
              />
              <Route
                path="/confirm/:token"
                element={
                  <Suspense fallback={<FullPageSpin />}>
                    <ConfirmPartyPage />
                  </Suspense>
                }
              />
              <Route
                path="/portal"
                element={
                  <Suspense fallback={<FullPageSpin />}>
                    <PortalPage />
                  </Suspense>
                }
              />
              <Route
                path="/stalls"
                element={
                  <Suspense fallback={<FullPageSpin />}>
                    <StallMapPage />
                  </Suspense>
                }
              />
              <Route
                path="/portal/citizen"
                element={
                  <Suspense fallback={<FullPageSpin />}>
                    <CitizenPortalPage />
                  </Suspense>
                }
              />
              <Route
                path="/verify"
                element={
                  <Suspense fallback={<FullPageSpin />}>
                    <VerifyStartPage />
                  </Suspense>
                }
              />
              <Route
                path="/verify/:id"
                element={
                  <Suspense fallback={<FullPageSpin />}>
                    <VerifyPage />
                  </Suspense>
                }
              />
              <Route
                path="/disclosure"
                element={
                  <Suspense fallback={<FullPageSpin />}>
                    <PublicDisclosurePage />
                  </Suspense>
                }
              />
              <Route
                path="/digests"
                element={
                  <Suspense fallback={<FullPageSpin />}>
                    <PublicDigestsPage />
                  </Suspense>
                }
              />
              <Route
                element={
                  <RequireAuth>
                    <AppLayout />
                  </RequireAuth>
                }
              >
                <Route index element={<Home />} />
                {APP_ROUTES.map((r) => (
                  <Route
                    key={r.path}
                    path={`${r.path}/*`}
                    element={
                      <RoutePage route={r}>
                        <r.page />
                      </RoutePage>
                    }
                  />
                ))}
                <Route path="*" element={<NotFound />} />
              </Route>
            </Routes>
          </BrowserRouter>
        </AuthProvider>
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <I18nProvider>
      <Localized />
    </I18nProvider>
  );
}
