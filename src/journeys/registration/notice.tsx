/** The notice box every registration step shows, as the portal does. */
import { h, type Child } from '../../web/jsx.js';
import { Notice } from '../../web/components/form.js';

/** «کاربر گرامی توجه داشته باشید»: the common points, then the step's own (children). */
export function RegistrationNotice(p: { children?: Child }) {
  return (
    <Notice kind="info" title="کاربر گرامی توجه داشته باشید">
      <ul>
        <li>شماره تلفن همراه باید به نام خود شما باشد؛ اگر به نام شما نباشد، ساخت حساب کاربری برای شما ممکن نیست.</li>
        <li>
          اطلاعاتی که در ثبت نام وارد می‌کنید از این پس به‌طور رسمی برای خدمات الکترونیک به کار می‌رود؛ پاسخگوی درستی آن
          خود شما هستید.
        </li>
        <li>
          گذرواژه را نزد خود نگه دارید و به کسی نگویید؛ پیامدهای آشکار شدن گذرواژه و هر سوءاستفاده از آن بر عهده خود
          شماست.
        </li>
        {p.children}
      </ul>
    </Notice>
  );
}
