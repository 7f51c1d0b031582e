// The OSS PostObject upload both upload forms use: a package (GenerateOTAUploadURL) and a device-list file
// (GenerateDeviceNameListURL, whose access key field is AccessKeyId where the package form says OSSAccessKeyId).

/** POSTs the file to the upload form an Action returned, reporting progress; the file goes last (OSS). */
export function postForm(form, file, onProgress = () => {}) {
  return new Promise((resolve, reject) => {
    const data = new FormData();
    data.append('key', form.Key);
    data.append('policy', form.Policy);
    data.append('OSSAccessKeyId', form.OSSAccessKeyId || form.AccessKeyId);
    data.append('Signature', form.Signature);
    data.append('success_action_status', '200');
    data.append('file', file);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', form.Host);
    xhr.upload.addEventListener('progress', e => { if (e.lengthComputable) onProgress(e.loaded, e.total); });
    xhr.addEventListener('load', () => (xhr.status >= 200 && xhr.status < 300 ? resolve()
      : reject({ code: (/<Code>([^<]*)<\/Code>/.exec(xhr.responseText) || [])[1] || String(xhr.status),
        message: (/<Message>([^<]*)<\/Message>/.exec(xhr.responseText) || [])[1] || xhr.responseText })));
    xhr.addEventListener('error', () => reject({ code: 'UploadFailed', message: 'network error' }));
    xhr.send(data);
  });
}
