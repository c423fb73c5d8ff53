import { h, Fragment, raw, type Child } from '../jsx.js';
import { ui } from '../../phrases/ui.js';

export interface LayoutProps {
  title: string;
  children?: Child;
  /** Present when someone is signed in: shows account links and the logout button. */
  signedIn?: { name: string; csrf: string } | undefined;
  devTools?: boolean;
  /** Extra script names under /assets (enhancements only). */
  narrow?: boolean;
}

export function Layout(props: LayoutProps) {
  const doctype = raw('<!doctype html>');
  return (
    <Fragment>
      {doctype}
      <html lang="fa" dir="rtl">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="color-scheme" content="light" />
          <title>{`${props.title} | ${ui.brand}`}</title>
          <link
            rel="preload"
            href="/assets/fonts/Vazirmatn-wght.woff2"
            as="font"
            type="font/woff2"
            crossorigin="anonymous"
          />
          <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml" />
          <link rel="stylesheet" href="/assets/app.css" />
          <script src="/assets/app.js" defer></script>
        </head>
        <body>
          <a class="skip-link" href="#main">
            {ui.skipToContent}
          </a>
          <header class="site-header">
            <div class="container site-header__inner">
              <a class="brand" href="/">
                <span class="brand__name">{ui.brand}</span>
                <span class="brand__tagline">{ui.tagline}</span>
              </a>
              <nav class="site-nav" aria-label={ui.mainNav}>
                {props.signedIn ? (
                  <Fragment>
                    <a href="/account">{ui.myAccount}</a>
                    <form method="post" action="/logout" class="inline-form">
                      <input type="hidden" name="_csrf" value={props.signedIn.csrf} />
                      <button type="submit" class="link-button">
                        {ui.logout}
                      </button>
                    </form>
                  </Fragment>
                ) : (
                  <Fragment>
                    <a href="/login">{ui.login}</a>
                    <a href="/registration">{ui.register}</a>
                  </Fragment>
                )}
              </nav>
            </div>
          </header>
          <main id="main" class={props.narrow === false ? 'container' : 'container container--narrow'} tabindex="-1">
            {props.children}
          </main>
          <footer class="site-footer">
            <div class="container">
              <p>{ui.footer}</p>
              {props.devTools ? (
                <p class="dev-links">
                  <a href="/dev/sms">{ui.devSmsInbox}</a> · <a href="/api/docs">{ui.apiDocs}</a>
                </p>
              ) : null}
            </div>
          </footer>
        </body>
      </html>
    </Fragment>
  );
}
