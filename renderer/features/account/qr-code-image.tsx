import { useEffect, useState } from 'react';

/**
 * A QR code as an <img> with an SVG data URL: `qrcode` is loaded on first use (only agents who set
 * up a second factor need it), and SVG needs no canvas, so it renders the same everywhere.
 */
export function QrCodeImage({ text, alt }: { text: string; alt: string }) {
  const [source, setSource] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    void import('qrcode')
      .then((qrcode) => qrcode.toString(text, { type: 'svg', margin: 1, width: 192, errorCorrectionLevel: 'M' }))
      .then((svg) => {
        if (current) setSource(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`);
      })
      .catch((error: unknown) => console.error('could not draw the QR code', error));
    return () => {
      current = false;
    };
  }, [text]);

  return source ? <img className="qr-code" src={source} alt={alt} width={192} height={192} /> : <div className="qr-code qr-code--pending" aria-hidden="true" />;
}
