type EnrolmentInstructionsProps = {
  enrolment: { email: string; secret: string; qrCodeSvg: string };
};

/** How to add the portal to an authenticator app: scan the QR code, or type the key. */
export function EnrolmentInstructions({ enrolment }: EnrolmentInstructionsProps) {
  const groupedSecret = enrolment.secret.match(/.{1,4}/g)?.join(" ") ?? enrolment.secret;
  return (
    <ol className="list-decimal space-y-4 pl-6">
      <li>
        <p>Scan this QR code with the app.</p>
        <div
          className="mt-2 w-48 border-2 border-ink bg-white"
          role="img"
          aria-label={`QR code for the authenticator app, for ${enrolment.email}`}
          // The SVG is generated on the server from our own otpauth URI; it holds no user input.
          dangerouslySetInnerHTML={{ __html: enrolment.qrCodeSvg }}
        />
      </li>
      <li>
        <p>If you cannot scan it, enter this key in the app instead:</p>
        <p className="mt-1 font-mono text-lg font-bold tracking-wider" aria-label={`Key: ${enrolment.secret.split("").join(" ")}`}>
          {groupedSecret}
        </p>
      </li>
      <li>Enter the 6-digit code the app shows.</li>
    </ol>
  );
}
