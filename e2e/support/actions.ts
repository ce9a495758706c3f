import type { APIResponse, Locator, Page } from "@playwright/test";

/**
 * What a form would send if its button were pressed without JavaScript: the form's fields as the
 * browser serialises them (React's hidden server-action fields included) and the button's own
 * name and value. Read from the page as it is, without pressing anything, so a test can send it
 * later, from another session or another origin, without racing the page's own requests.
 */
export type FormSubmission = { url: string; fields: [string, string][] };

export async function formSubmission(button: Locator): Promise<FormSubmission> {
  return button.evaluate((element) => {
    const submitter = element as HTMLButtonElement;
    const form = submitter.form;
    if (!form) throw new Error("The button is not in a form.");
    const fields = [...new FormData(form, submitter)].map(([name, value]) => [name, String(value)] as [string, string]);
    return { url: form.action || window.location.href, fields };
  });
}

/** Sends a form submission from `page`'s browser context (its cookies), as from `origin`. */
export function sendForm(page: Page, submission: FormSubmission, origin: string): Promise<APIResponse> {
  const body = new FormData();
  for (const [name, value] of submission.fields) body.append(name, value);
  return page.request.post(submission.url, { headers: { origin }, multipart: body, maxRedirects: 0 });
}
